using System.Diagnostics;
using System.Globalization;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Incidents;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Partners;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace CityRisk.Benchmarks;

/// <summary>
/// The scripted incident statistics run (docs/performance.md, "Incident statistics"): a hub (<c>cityrisk serve</c>,
/// SQLite) as its own process is loaded with a year of Kaifeng's incidents through the public API (PublishBatch, every
/// incident walked through its closed loop by the partners allowed to take each step), then statistics for one
/// district and one month and for the whole city and year are asked through the SDK and compared with hand-written
/// SQL over the same rows of the same file in the same run.
/// </summary>
internal static class IncidentsRun
{
    private const int Chunk = 1_000;
    private const int InFlight = 4;
    private static readonly string[] Districts = ["410202", "410203", "410204", "410205", "410212", "410221", "410222", "410223", "410225"];
    private static readonly DocumentCodec<Incident> Json = DocumentCodecs.Default.Get<Incident>(DocumentFormat.CityRiskJson);
    private static readonly string[] PartnerIds = ["kaifeng-grid", "kaifeng-city", "kaifeng-water"];
    private static readonly string[] FactColumns = ["$j", "$r", "$id", "$t", "$c", "$s", "$closed", "$p"];
    private static readonly DateTimeOffset Year = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> RunAsync(bool quick)
    {
        if (LoadRun.BuiltCli() is not { } cli)
        {
            return 2;
        }

        var total = int.TryParse(Environment.GetEnvironmentVariable("CITYRISK_INCIDENTS"), out var wanted) ? wanted : quick ? 100_000 : 1_000_000;
        var throughApi = Math.Min(total, int.TryParse(Environment.GetEnvironmentVariable("CITYRISK_INCIDENTS_API"), out var api) ? api : quick ? 10_000 : 100_000);
        var folder = Directory.CreateTempSubdirectory("cityrisk-incidents-").FullName;
        var database = Path.Combine(folder, "hub.db");
        try
        {
            var tokens = PartnerIds.ToDictionary(p => p, _ => PartnerTokens.Generate());
            var partners = Path.Combine(folder, "partners.json");
            await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. tokens.Select(t => new Partner
            {
                Id = PartyId.Parse(t.Key),
                Roles = [t.Key == "kaifeng-water" ? "lifeline-operator" : "city"],
                CapSenders = [$"alerts@{t.Key}.example.cn"],
                Jurisdictions = t.Key == "kaifeng-city" ? ["410200"] : [],
                Credentials = [new PartnerCredential { Id = "load", Hash = PartnerTokens.Hash(t.Value) }],
            })])));
            var (hub, address) = await LoadRun.StartProcessAsync("dotnet", [cli, "serve", "--urls", "http://127.0.0.1:0", "--store", $"sqlite:{database}", "--partners", partners], "cityrisk hub listening on ");
            try
            {
                using var channel = CityRiskChannel.Create(address);
                var exchange = new Exchange.ExchangeClient(channel);
                Console.Error.WriteLine($"== loading {throughApi:N0} incidents of 2025 through PublishBatch ({Chunk:N0} a call, {InFlight} chunks in flight), each walked to its final state");
                var cpuBefore = LoadRun.CpuTime(hub);
                var clock = Stopwatch.StartNew();
                var next = -1;
                long revisions = 0;
                await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
                {
                    int chunk;
                    while ((chunk = Interlocked.Increment(ref next)) * Chunk < throughApi)
                    {
                        Interlocked.Add(ref revisions, await LoadChunkAsync(exchange, tokens, chunk * Chunk, Math.Min(Chunk, throughApi - (chunk * Chunk))));
                        if (chunk % 50 == 0)
                        {
                            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {(chunk + 1) * Chunk:N0} incidents, {clock.Elapsed.TotalSeconds:N0} s"));
                        }
                    }
                })));
                clock.Stop();
                var cpu = LoadRun.CpuTime(hub) - cpuBefore;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   {throughApi / clock.Elapsed.TotalSeconds:N0} incidents/s ({revisions / clock.Elapsed.TotalSeconds:N0} revisions/s; {revisions:N0} revisions in {clock.Elapsed.TotalSeconds:N0} s; hub CPU {cpu?.TotalMicroseconds / revisions:N0} µs a revision)"));

                if (total > throughApi)
                {
                    Console.Error.WriteLine($"== {total - throughApi:N0} more incidents written straight into incident_facts (the table statistics read), the same generator, one transaction");
                    Fill(database, throughApi, total - throughApi);
                }

                using var district = new CityRiskClient(address, new CityRiskCredential("kaifeng-city", tokens["kaifeng-city"]));
                await CompareAsync(district, database, "one district (Gulou, 410204), one month (March 2025)", "410204", Year.AddMonths(2), Year.AddMonths(3), quick ? 30 : 100);
                await CompareAsync(district, database, "the whole city (410200), the whole year", "410200", Year, Year.AddYears(1), quick ? 5 : 9);
            }
            finally
            {
                hub.Kill(entireProcessTree: true);
                await hub.WaitForExitAsync();
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reports incidents [first, first + count) and walks each to its final state, one PublishBatch per step.</summary>
    private static async Task<long> LoadChunkAsync(Exchange.ExchangeClient exchange, Dictionary<string, string> tokens, int first, int count)
    {
        var random = new Random(first);
        var incidents = Enumerable.Range(first, count).Select(n => Report(n, random)).ToList();
        var finals = incidents.Select(_ => FinalState(random)).ToList();
        var closeAfter = incidents.Select(_ => TimeSpan.FromMinutes(30 + (random.NextDouble() * random.NextDouble() * 5 * 24 * 60))).ToList();
        long published = 0;
        published += await SendAsync(exchange, tokens, "kaifeng-grid", incidents);
        (IncidentState State, string By)[] loop =
        [
            (IncidentState.Verified, "kaifeng-city"), (IncidentState.Dispatched, "kaifeng-city"), (IncidentState.Handling, "kaifeng-water"),
            (IncidentState.Resolved, "kaifeng-water"), (IncidentState.Closed, "kaifeng-grid"),
        ];
        for (var step = 0; step < loop.Length; step++)
        {
            var (state, by) = loop[step];
            var moving = new List<Incident>();
            for (var i = 0; i < incidents.Count; i++)
            {
                var incident = incidents[i];
                var target = finals[i];
                var goes = target == IncidentState.Rejected ? step == 0 : target == IncidentState.Handling ? step < 3 : target != IncidentState.Reported;
                if (!goes)
                {
                    continue;
                }

                var to = target == IncidentState.Rejected ? IncidentState.Rejected : state;
                var at = to == IncidentState.Closed ? incident.ReportedAt + closeAfter[i] : incident.ReportedAt.AddMinutes((step + 1) * 5);
                incidents[i] = IncidentLifecycle.Step(incident, to, to == IncidentState.Rejected ? "kaifeng-city" : by, at, assignTo: to == IncidentState.Dispatched ? "kaifeng-water" : null);
                moving.Add(incidents[i]);
            }

            foreach (var group in moving.GroupBy(m => m.UpdatedBy))
            {
                published += await SendAsync(exchange, tokens, group.Key, [.. group]);
            }
        }

        return published;
    }

    /// <summary>
    /// Writes the facts the hub would index for incidents [first, first + count), as the same generator makes them,
    /// without their revisions: loading a million closed loops through the API (six revisions each) takes longer than
    /// a run should, and statistics read only this table.
    /// </summary>
    private static void Fill(string database, int first, int count)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO incident_facts (jurisdiction, reported_at, owner, id, type, category, grade, state, closed_at, public) VALUES ($j, $r, 'kaifeng-grid', $id, $t, $c, 4, $s, $closed, $p)";
        var parameters = FactColumns.ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
        var viewer = connection.CreateCommand();
        viewer.Transaction = transaction;
        viewer.CommandText = "INSERT INTO incident_viewers (owner, id, viewer) VALUES ('kaifeng-grid', $id, $v)";
        var viewerId = viewer.Parameters.Add("$id", SqliteType.Text);
        var viewerEntry = viewer.Parameters.Add("$v", SqliteType.Text);
        for (var chunk = first; chunk < first + count; chunk += Chunk)
        {
            var random = new Random(chunk);
            var size = Math.Min(Chunk, first + count - chunk);
            var incidents = Enumerable.Range(chunk, size).Select(n => Report(n, random)).ToList();
            var finals = incidents.Select(_ => FinalState(random)).ToList();
            var closeAfter = incidents.Select(_ => TimeSpan.FromMinutes(30 + (random.NextDouble() * random.NextDouble() * 5 * 24 * 60))).ToList();
            for (var i = 0; i < size; i++)
            {
                var incident = incidents[i];
                var closedAt = incident.ReportedAt + closeAfter[i];
                parameters["$j"].Value = incident.Jurisdiction;
                parameters["$r"].Value = incident.ReportedAt.ToUnixTimeMilliseconds();
                parameters["$id"].Value = incident.Id;
                parameters["$t"].Value = incident.Type;
                parameters["$c"].Value = IncidentTypes.CategoryOf(incident.Type);
                parameters["$s"].Value = (int)finals[i];
                parameters["$closed"].Value = finals[i] == IncidentState.Closed ? closedAt.ToUnixTimeMilliseconds() : DBNull.Value;
                parameters["$p"].Value = incident.Scope == DocumentScope.Public ? 1 : 0;
                insert.ExecuteNonQuery();
                if (incident.Scope != DocumentScope.Public)
                {
                    foreach (var entry in PartnerIds.Select(p => "partner:" + p))
                    {
                        viewerId.Value = incident.Id;
                        viewerEntry.Value = entry;
                        viewer.ExecuteNonQuery();
                    }
                }
            }
        }

        transaction.Commit();
    }

    /// <summary>99% closed (Kaifeng's grid closes 99.59%), the rest rejected, in hand or just reported.</summary>
    private static IncidentState FinalState(Random random) => random.NextDouble() switch
    {
        < 0.99 => IncidentState.Closed,
        < 0.995 => IncidentState.Rejected,
        < 0.998 => IncidentState.Handling,
        _ => IncidentState.Reported,
    };

    private static Incident Report(int n, Random random)
    {
        var reportedAt = Year.AddSeconds(random.NextDouble() * 365 * 24 * 3600);
        reportedAt = reportedAt.AddTicks(-(reportedAt.Ticks % TimeSpan.TicksPerSecond));
        var restricted = random.NextDouble() < 0.05;
        return new Incident
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"kf-{n:D7}"),
            Owner = "kaifeng-grid",
            Revision = 1,
            ReporterRole = ReporterRole.GridWorker,
            Type = random.NextDouble() < 0.7 ? "accident/drainage-facility" : "social-safety/mass-incident",
            Domain = RiskDomain.Lifeline,
            Grade = IncidentGrade.IV,
            Title = LocalizedText.Of("zh-Hans", "网格上报事件"),
            Location = new PointGeometry(new GeoPoint(114.3 + (random.NextDouble() * 0.1), 34.75 + (random.NextDouble() * 0.1))),
            Jurisdiction = Districts[random.Next(Districts.Length)],
            OccurredAt = reportedAt.AddMinutes(-10),
            ReportedAt = reportedAt,
            State = IncidentState.Reported,
            UpdatedBy = "kaifeng-grid",
            UpdatedAt = reportedAt,
            Scope = restricted ? DocumentScope.Restricted : DocumentScope.Public,
            Audience = restricted ? ["partner:kaifeng-city"] : [],
        };
    }

    private static async Task<long> SendAsync(Exchange.ExchangeClient exchange, Dictionary<string, string> tokens, string sender, List<Incident> revisions)
    {
        var request = new PublishBatchRequest();
        foreach (var revision in revisions)
        {
            request.Envelopes.Add(IncidentEnvelope.Create(revision, Json.Write(revision, validate: false).Value!, Json.MediaType, revision.UpdatedAt));
        }

        var response = await exchange.PublishBatchAsync(request, new CallOptions(new Metadata { { "authorization", $"Bearer {tokens[sender]}" } }));
        var failed = response.Results.FirstOrDefault(r => r.OutcomeCase == CityRisk.Protocol.V1.PublishResult.OutcomeOneofCase.Error);
        return failed is null ? revisions.Count : throw new InvalidOperationException($"The hub refused a revision: {failed.Error.Message}");
    }

    /// <summary>The same statistics through the SDK (gRPC, the hub's query and tally) and by hand-written SQL on the same file, alternating, medians compared.</summary>
    private static async Task CompareAsync(CityRiskClient client, string database, string what, string jurisdiction, DateTimeOffset from, DateTimeOffset to, int runs)
    {
        Console.Error.WriteLine($"== statistics for {what}, {runs} runs each, alternating");
        var query = new IncidentStatisticsQuery { Jurisdiction = jurisdiction, ReportedFrom = from, ReportedTo = to, AsOf = Year.AddYears(1) };
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        var hubTimes = new List<double>();
        var sqlTimes = new List<double>();
        IncidentCountsReport? hub = null;
        (long Reported, long Closed, long? Median, long? P90) sql = default;
        for (var run = 0; run < runs + 2; run++)
        {
            var clock = Stopwatch.StartNew();
            hub = (await client.Incidents.GetStatisticsAsync(query)).Total;
            var hubTime = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            sql = HandWritten(connection, jurisdiction, from, to, Year.AddYears(1).AddDays(-30));
            var sqlTime = clock.Elapsed.TotalMilliseconds;
            if (run >= 2)
            {
                hubTimes.Add(hubTime);
                sqlTimes.Add(sqlTime);
            }
        }

        if (hub is null || hub.Reported != sql.Reported || hub.Closed != sql.Closed || (long?)hub.MedianTimeToClose?.TotalSeconds != sql.Median || (long?)hub.P90TimeToClose?.TotalSeconds != sql.P90)
        {
            throw new InvalidOperationException($"The hub and the SQL disagree: hub {hub}, SQL {sql}.");
        }

        double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {hub.Reported:N0} reported, {hub.Closed:N0} closed, median {hub.MedianTimeToClose}, p90 {hub.P90TimeToClose}: hub {Median(hubTimes):N2} ms, SQL {Median(sqlTimes):N2} ms (median); ratio {Median(hubTimes) / Median(sqlTimes):N2}"));
    }

    /// <summary>
    /// What a database developer would write against the same table for the same answer (as the jurisdiction
    /// partner, who sees every incident): the counts in one pass, the two percentiles by ORDER BY ... OFFSET.
    /// </summary>
    private static (long Reported, long Closed, long? Median, long? P90) HandWritten(SqliteConnection connection, string jurisdiction, DateTimeOffset from, DateTimeOffset to, DateTimeOffset old)
    {
        var prefix = jurisdiction.TrimEnd('0');
        prefix = prefix.Length <= 4 ? jurisdiction[..4] : jurisdiction;
        var where = (prefix.Length == 6 ? "jurisdiction = $lo" : "jurisdiction >= $lo AND jurisdiction < $hi") + " AND reported_at >= $from AND reported_at < $to";
        using var counts = connection.CreateCommand();
        counts.CommandText = $"SELECT COUNT(*), SUM(state = 6), SUM(state = 7), SUM(state = 8), SUM(state NOT IN (6, 7, 8) AND reported_at <= $old) FROM incident_facts WHERE {where}";
        Bind(counts);
        counts.Parameters.AddWithValue("$old", old.ToUnixTimeMilliseconds());
        long reported, closed;
        using (var reader = counts.ExecuteReader())
        {
            reader.Read();
            reported = reader.GetInt64(0);
            closed = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        }

        long? Percentile(double p)
        {
            if (closed == 0)
            {
                return null;
            }

            using var rank = connection.CreateCommand();
            rank.CommandText = $"SELECT (closed_at - reported_at) / 1000 AS s FROM incident_facts WHERE {where} AND state = 6 ORDER BY s LIMIT 1 OFFSET $k";
            Bind(rank);
            rank.Parameters.AddWithValue("$k", (long)Math.Ceiling(p * closed) - 1);
            return (long)rank.ExecuteScalar()!;
        }

        return (reported, closed, Percentile(0.5), Percentile(0.9));

        void Bind(SqliteCommand command)
        {
            command.Parameters.AddWithValue("$lo", prefix);
            command.Parameters.AddWithValue("$hi", prefix[..^1] + (char)(prefix[^1] + 1));
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }
    }
}
