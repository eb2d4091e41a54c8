using System.Globalization;
using System.Text;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Tests.Storage;

/// <summary>
/// The SQLite store's per-day incident counts (migration 8): the way it splits a period, and its answers against the
/// in-memory store's (which counts every row) on random incidents, revisions and queries.
/// </summary>
public sealed class IncidentDayCountsTests : IAsyncLifetime
{
    private const long Day = IncidentDayPlan.DayMs;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Jurisdictions = ["410204", "410205", "410221", "410102"];
    private static readonly string[] Types = ["accident/drainage-facility", "accident/fire", "natural-disaster/flood"];
    private static readonly string[][] Viewers = [["partner:kaifeng-grid", "role:city"], ["partner:kaifeng-grid", "partner:kaifeng-water"], ["partner:kaifeng-grid"]];
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-incident-days-").FullName;
    private SqliteExchangeStore _sqlite = null!;
    private readonly InMemoryExchangeStore _memory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "hub.db");

    public async ValueTask InitializeAsync() => _sqlite = await SqliteExchangeStore.OpenAsync(DatabasePath, TimeProvider.System, Cancel);

    public async ValueTask DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _memory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_period_within_one_day_is_read_row_by_row()
    {
        var plan = IncidentDayPlan.Of(10 * Day + 5, (11 * Day) - 5, 0);
        Assert.Equal([(10 * Day + 5, (11 * Day) - 5)], plan.Rows);
        Assert.Empty(plan.Days);
    }

    [Fact]
    public void Whole_days_come_from_the_counts_and_the_ends_and_the_old_cases_day_from_rows()
    {
        var plan = IncidentDayPlan.Of((10 * Day) + 7, (20 * Day) + 9, (15 * Day) + 3);
        Assert.Equal([((10 * Day) + 7, 11 * Day), (15 * Day, 16 * Day), (20 * Day, (20 * Day) + 9)], plan.Rows);
        Assert.Equal([(11L, 15L), (16L, 20L)], plan.Days);
        Assert.Equal(15, plan.OldDay);

        var aligned = IncidentDayPlan.Of(10 * Day, 20 * Day, 5 * Day);
        Assert.Empty(aligned.Rows);
        Assert.Equal([(10L, 20L)], aligned.Days);
    }

    [Fact]
    public void Days_before_1970_and_empty_periods_are_read_row_by_row()
    {
        var plan = IncidentDayPlan.Of(-3 * Day, 3 * Day, -Day - 1);
        Assert.Equal([(-3 * Day, Day)], plan.Rows);
        Assert.Equal([(1L, 3L)], plan.Days);
        Assert.Equal(-2, plan.OldDay);
        Assert.Empty(IncidentDayPlan.Of(5 * Day, 5 * Day, 0).Rows);
        Assert.Empty(IncidentDayPlan.Of(5 * Day, 4 * Day, 0).Days);
    }

    /// <summary>Random incidents over three weeks, a third of them revised (moved, reopened, closed, restricted), and random queries: both stores answer alike.</summary>
    [Fact]
    public async Task Random_incidents_and_queries_count_as_the_in_memory_store_counts()
    {
        var random = new Random(20261201);
        var ids = await ReportRandomAsync(random, 600);

        foreach (var id in ids.Where(_ => random.NextDouble() < 0.35).ToList())
        {
            var last = random.Next(2, 5);
            for (var revision = 2; revision <= last; revision++)
            {
                await AppendBothAsync(id, revision, RandomFacts(random, id));
            }
        }

        for (var q = 0; q < 300; q++)
        {
            var query = RandomQuery(random);
            var expected = await _memory.CountIncidentsAsync(query, Cancel);
            var actual = await _sqlite.CountIncidentsAsync(query, Cancel);
            Assert.True(expected.SequenceEqual(actual), $"query {q} ({query.Prefix}, {query.ReportedFrom:O} to {query.ReportedTo:O}, old at {query.OpenOlderThan:O}, types {string.Join(",", query.Types)}, grades {string.Join(",", query.Grades)}, viewer {string.Join(",", query.Viewer)}):\nexpected {string.Join("\n         ", expected)}\nactual   {string.Join("\n         ", actual)}");
        }
    }

    /// <summary>A store written before migration 8 gets its per-day counts from the facts it holds, and counts as before.</summary>
    [Fact]
    public async Task A_store_upgraded_to_per_day_counts_builds_them_from_its_facts()
    {
        await ReportRandomAsync(new Random(7), 200);

        var query = new IncidentCountQuery { Prefix = "41", SubdivisionDigits = 4, ReportedFrom = Start, ReportedTo = Start.AddDays(21), OpenOlderThan = Start.AddDays(9.5), Viewer = ["partner:kaifeng-city", "role:city"] };
        var before = await _sqlite.CountIncidentsAsync(query, Cancel);
        await _sqlite.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            using var downgrade = connection.CreateCommand();
            // Back to version 7: what migration 8 added, and what later ones added that is not rebuilt in place (10's indexes).
            downgrade.CommandText = """
                DROP TRIGGER incident_days_add; DROP TRIGGER incident_days_remove; DROP TRIGGER incident_facts_no_update;
                DROP INDEX incident_facts_restricted; DROP TABLE incident_days;
                DROP INDEX enterprise_profiles_by_place; DROP INDEX enterprise_consents_by_code;
                UPDATE schema_version SET version = 7;
                """;
            await downgrade.ExecuteNonQueryAsync(Cancel);
        }

        _sqlite = await SqliteExchangeStore.OpenAsync(DatabasePath, TimeProvider.System, Cancel);
        var after = await _sqlite.CountIncidentsAsync(query, Cancel);
        Assert.Equal(before, after);
        Assert.Equal(await _memory.CountIncidentsAsync(query, Cancel), after);
        Assert.True(after[0].Closed > 10, "the data set closes enough incidents to test the times' backfill");
    }

    /// <summary>Counts that disagree with the facts (a hand edit) are refused, naming where; the rebuild in docs/operations.md mends them.</summary>
    [Fact]
    public async Task Counts_out_of_step_with_the_facts_are_refused_and_the_documented_rebuild_mends_them()
    {
        await ReportRandomAsync(new Random(11), 100);

        var query = new IncidentCountQuery { Prefix = "4102", SubdivisionDigits = 6, ReportedFrom = Start, ReportedTo = Start.AddDays(21), OpenOlderThan = Start, Viewer = ["partner:kaifeng-city"] };
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Cancel);
        using (var corrupt = connection.CreateCommand())
        {
            corrupt.CommandText = "UPDATE incident_days SET closed = closed + 1 WHERE (jurisdiction, day, type, grade) = (SELECT jurisdiction, day, type, grade FROM incident_days WHERE jurisdiction LIKE '4102%' AND day > (SELECT min(day) + 2 FROM incident_days) LIMIT 1)";
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync(Cancel));
        }

        var error = await Assert.ThrowsAsync<ExchangeStoreException>(() => _sqlite.CountIncidentsAsync(query, Cancel));
        Assert.Contains("per-day incident counts are inconsistent (jurisdiction 4102", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rebuilding the per-day incident counts", error.Message, StringComparison.Ordinal);

        var operations = await File.ReadAllTextAsync(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "docs", "operations.md"), Cancel);
        var section = operations[operations.IndexOf("**Rebuilding the per-day incident counts.**", StringComparison.Ordinal)..];
        var sql = section[(section.IndexOf("```sql", StringComparison.Ordinal) + 6)..section.IndexOf("```", section.IndexOf("```sql", StringComparison.Ordinal) + 6, StringComparison.Ordinal)];
        using (var rebuild = connection.CreateCommand())
        {
            rebuild.CommandText = sql;
            await rebuild.ExecuteNonQueryAsync(Cancel);
        }

        Assert.Equal(await _memory.CountIncidentsAsync(query, Cancel), await _sqlite.CountIncidentsAsync(query, Cancel));
    }

    [Fact]
    public async Task Facts_rows_are_never_updated_in_place()
    {
        await AppendBothAsync("a", 1, RandomFacts(new Random(1), "a"));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Cancel);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE incident_facts SET state = 6";
        var error = await Assert.ThrowsAsync<SqliteException>(() => update.ExecuteNonQueryAsync(Cancel));
        Assert.Contains("never updated", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports <paramref name="count"/> random incidents (i0000, i0001 ...) to both stores; returns their ids.</summary>
    private async Task<List<string>> ReportRandomAsync(Random random, int count)
    {
        var ids = Enumerable.Range(0, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"i{n:D4}")).ToList();
        foreach (var id in ids)
        {
            await AppendBothAsync(id, 1, RandomFacts(random, id));
        }

        return ids;
    }

    private async Task AppendBothAsync(string id, long revision, IncidentFacts facts)
    {
        var message = new StoredMessage
        {
            Sender = "kaifeng-grid",
            Id = $"incident/{id}/{revision}",
            Kind = "incident",
            EntityId = id,
            Revision = revision,
            ContentHash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{id} {revision}")),
            Envelope = Encoding.UTF8.GetBytes($"{id} {revision}"),
        };
        Assert.Equal(AppendOutcome.Appended, (await _sqlite.AppendIncidentAsync(message, facts, Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await _memory.AppendIncidentAsync(message, facts, Cancel)).Outcome);
    }

    /// <summary>An incident somewhere in three weeks from <see cref="Start"/>, at a whole second or a random millisecond.</summary>
    private static IncidentFacts RandomFacts(Random random, string id)
    {
        var reported = Start.AddMilliseconds(random.NextInt64(21 * Day));
        if (random.NextDouble() < 0.5)
        {
            reported = reported.AddMilliseconds(-(reported.ToUnixTimeMilliseconds() % 1000));
        }

        var state = random.Next(1, 9);
        var type = Types[random.Next(Types.Length)];
        var isPublic = random.NextDouble() < 0.75;
        return new IncidentFacts
        {
            Owner = "kaifeng-grid",
            Id = id,
            Jurisdiction = Jurisdictions[random.Next(Jurisdictions.Length)],
            Type = type,
            Category = type[..type.IndexOf('/', StringComparison.Ordinal)],
            Grade = random.Next(1, 5),
            State = state,
            ReportedAt = reported,
            ClosedAt = state == IncidentTally.Closed ? reported.AddMilliseconds(random.NextInt64(5 * Day)) : null,
            Public = isPublic,
            Viewers = isPublic ? [] : Viewers[random.Next(Viewers.Length)],
        };
    }

    /// <summary>A period that may start and end at any millisecond, at midnight UTC or at midnight +08:00, with any old-case instant and filters.</summary>
    private static IncidentCountQuery RandomQuery(Random random)
    {
        DateTimeOffset Instant()
        {
            var at = Start.AddMilliseconds(random.NextInt64(-2 * Day, 24 * Day));
            return random.Next(3) switch
            {
                0 => at,
                1 => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds() / Day * Day),
                _ => DateTimeOffset.FromUnixTimeMilliseconds((at.ToUnixTimeMilliseconds() / Day * Day) - (8 * 3_600_000)),
            };
        }

        var (from, to) = (Instant(), Instant());
        var (prefix, digits) = random.Next(4) switch { 0 => ("41", 4), 1 => ("4102", 6), 2 => ("410204", 0), _ => ("4102", 0) };
        return new IncidentCountQuery
        {
            Prefix = prefix,
            SubdivisionDigits = digits,
            ReportedFrom = from < to ? from : to,
            ReportedTo = from < to ? to : from,
            OpenOlderThan = Instant(),
            Types = random.NextDouble() < 0.3 ? [Types[random.Next(Types.Length)]] : random.NextDouble() < 0.2 ? ["accident"] : [],
            Grades = random.NextDouble() < 0.3 ? [random.Next(1, 5), random.Next(1, 5)] : [],
            Viewer = random.Next(3) switch
            {
                0 => ["partner:kaifeng-city", "role:city"],
                1 => ["partner:kaifeng-water", "role:lifeline-operator"],
                _ => ["partner:outsider"],
            },
        };
    }
}
