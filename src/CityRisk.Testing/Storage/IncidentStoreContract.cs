using System.Security.Cryptography;
using System.Text;
using CityRisk.Storage;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// The incident store contract suite: the rules every <see cref="IIncidentStore"/> must follow (docs/protocol.md
/// §11.7 and §6.10: facts written with the revision and only when it is appended, replaced by each revision; counts
/// by division prefix, period, type or category, grade and viewer; the nearest-rank percentiles of
/// <see cref="IncidentTally"/>), as xunit v3 tests. The in-memory and SQLite stores pass it; inherit it to prove a
/// store of your own. Each test gets a new, empty store through <see cref="StoreSeamContract{TSeam}.CreateStoreAsync"/>, initialized by the suite.
/// </summary>
public abstract class IncidentStoreContract : StoreSeamContract<IIncidentStore>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>An incident's facts: reported <paramref name="hour"/> hours into the day, closed <paramref name="closeHours"/> later when given.</summary>
    protected static IncidentFacts Facts(string id, string jurisdiction = "410204", double hour = 1, int state = 1, double? closeHours = null, string type = "accident/drainage-facility",
        int grade = 4, bool isPublic = true, params string[] viewers) => new()
    {
        Owner = "kaifeng-grid",
        Id = id,
        Jurisdiction = jurisdiction,
        Type = type,
        Category = type[..type.IndexOf('/', StringComparison.Ordinal)],
        Grade = grade,
        State = closeHours is null ? state : IncidentTally.Closed,
        ReportedAt = Day.AddHours(hour),
        ClosedAt = closeHours is { } h ? Day.AddHours(hour + h) : null,
        Public = isPublic,
        Viewers = viewers,
    };

    /// <summary>The message of an incident's revision.</summary>
    protected static StoredMessage Revision(string id, long revision, string content = "payload") => new()
    {
        Sender = "kaifeng-grid",
        Id = $"incident/{id}/{revision}",
        Kind = "incident",
        EntityId = id,
        Revision = revision,
        ContentHash = SHA256.HashData(Encoding.UTF8.GetBytes(content)),
        Envelope = Encoding.UTF8.GetBytes($"revision {revision} of {id}: {content}"),
    };

    /// <summary>A query for the day in a division, as a city partner sees it.</summary>
    protected static IncidentCountQuery Query(string prefix = "4102", int subdivisionDigits = 6) => new()
    {
        Prefix = prefix,
        SubdivisionDigits = subdivisionDigits,
        ReportedFrom = Day,
        ReportedTo = Day.AddDays(1),
        OpenOlderThan = Day.AddHours(2),
        Viewer = ["partner:zhengzhou-em", "role:city"],
    };

    private async Task AddAsync(IncidentFacts facts) => Assert.Equal(AppendOutcome.Appended, (await Store.AppendIncidentAsync(Revision(facts.Id, 1), facts, Cancel)).Outcome);

    private static string Row(IncidentCountsRecord r) =>
        $"{r.Division} {r.Reported}/{r.Closed}/{r.Rejected}/{r.Merged}/{r.Open} old {r.OpenOlder} median {r.MedianSecondsToClose?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} p90 {r.P90SecondsToClose?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>The division and each sub-division are counted by the rules of IncidentTally: states, old open cases, nearest-rank percentiles.</summary>
    [Fact]
    public virtual async Task A_division_and_its_subdivisions_are_counted_by_the_tally_rules()
    {
        await AddAsync(Facts("a", hour: 1, closeHours: 2));
        await AddAsync(Facts("b", hour: 2, closeHours: 10));
        await AddAsync(Facts("c", hour: 3, closeHours: 1));
        await AddAsync(Facts("d", hour: 4, state: IncidentTally.Rejected));
        await AddAsync(Facts("e", hour: 1, state: 4));
        await AddAsync(Facts("f", "410205", hour: 5, closeHours: 4));
        await AddAsync(Facts("g", "410205", hour: 6, state: IncidentTally.Merged));
        await AddAsync(Facts("h", "410205", hour: 7));
        await AddAsync(Facts("z", "410102", hour: 1, closeHours: 1));
        await AddAsync(Facts("late", hour: 25, closeHours: 1));

        var counts = await Store.CountIncidentsAsync(Query(), Cancel);
        Assert.Equal(
            ["410200 8/4/1/1/2 old 1 median 7200 p90 36000", "410204 5/3/1/0/1 old 1 median 7200 p90 36000", "410205 3/1/0/1/1 old 0 median 14400 p90 14400"],
            counts.Select(Row));
        Assert.Equal(4.0 / 6, counts[0].ClosureRate, 6);

        var district = await Store.CountIncidentsAsync(Query("410205", 0), Cancel);
        Assert.Equal(["410205 3/1/0/1/1 old 0 median 14400 p90 14400"], district.Select(Row));
    }

    /// <summary>Types match a full type or a category; grades match exactly; an empty result is a row of zeros.</summary>
    [Fact]
    public virtual async Task Types_categories_and_grades_narrow_the_count()
    {
        await AddAsync(Facts("a", closeHours: 1));
        await AddAsync(Facts("b", type: "natural-disaster/typhoon", grade: 2));
        await AddAsync(Facts("c", type: "accident/fire", grade: 3));

        Assert.Equal(2, (await Store.CountIncidentsAsync(Query() with { Types = ["accident"] }, Cancel))[0].Reported);
        Assert.Equal(1, (await Store.CountIncidentsAsync(Query() with { Types = ["accident/fire", "natural-disaster/flood"] }, Cancel))[0].Reported);
        Assert.Equal(2, (await Store.CountIncidentsAsync(Query() with { Grades = [2, 4] }, Cancel))[0].Reported);
        var none = await Store.CountIncidentsAsync(Query() with { Types = ["public-health"] }, Cancel);
        Assert.Equal(["410200 0/0/0/0/0 old 0 median - p90 -"], none.Select(Row));
    }

    /// <summary>Only public incidents and those naming one of the viewer's entries are counted.</summary>
    [Fact]
    public virtual async Task Only_what_the_viewer_may_see_is_counted()
    {
        await AddAsync(Facts("public"));
        await AddAsync(Facts("for-cities", isPublic: false, viewers: ["partner:kaifeng-grid", "role:city"]));
        await AddAsync(Facts("for-operators", isPublic: false, viewers: ["partner:kaifeng-grid", "role:lifeline-operator"]));
        await AddAsync(Facts("for-zhengzhou", isPublic: false, viewers: ["partner:kaifeng-grid", "partner:zhengzhou-em"]));

        Assert.Equal(3, (await Store.CountIncidentsAsync(Query(), Cancel))[0].Reported);
        Assert.Equal(2, (await Store.CountIncidentsAsync(Query() with { Viewer = ["partner:kaifeng-water", "role:lifeline-operator"] }, Cancel))[0].Reported);
        Assert.Equal(1, (await Store.CountIncidentsAsync(Query() with { Viewer = ["partner:outsider", "role:vendor"] }, Cancel))[0].Reported);
    }

    /// <summary>Each appended revision replaces the facts; a duplicate or refused revision changes nothing.</summary>
    [Fact]
    public virtual async Task Facts_follow_appended_revisions_only()
    {
        await AddAsync(Facts("a"));
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendIncidentAsync(Revision("a", 2), Facts("a", closeHours: 3), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Duplicate, (await Store.AppendIncidentAsync(Revision("a", 2), Facts("a", state: 4), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.RevisionConflict, (await Store.AppendIncidentAsync(Revision("a", 4), Facts("a", state: 4), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Conflict, (await Store.AppendIncidentAsync(Revision("a", 2, "other"), Facts("a", state: 4), Cancel)).Outcome);
        Assert.Equal(["410200 1/1/0/0/0 old 0 median 10800 p90 10800"], (await Store.CountIncidentsAsync(Query(), Cancel)).Take(1).Select(Row));

        // A corrected jurisdiction moves the incident.
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendIncidentAsync(Revision("a", 3), Facts("a", "410205", closeHours: 3), Cancel)).Outcome);
        Assert.Equal(["410200 1/1/0/0/0 old 0 median 10800 p90 10800", "410205 1/1/0/0/0 old 0 median 10800 p90 10800"], (await Store.CountIncidentsAsync(Query(), Cancel)).Select(Row));
    }

    /// <summary>
    /// A period of several days counts every incident once, whatever the day: the partial days at its ends, the day of
    /// the old-case instant (open incidents either side of it), restricted incidents, and incidents whose later revisions
    /// changed their time to close, jurisdiction, type, grade or scope. (A store that keeps per-day counts, as the SQLite
    /// store does, reads whole days from them and the rest row by row.)
    /// </summary>
    [Fact]
    public virtual async Task A_period_of_several_days_counts_each_incident_once_at_its_edges_and_after_its_revisions()
    {
        // Day is midnight at +08:00, 16:00 UTC: the period below has partial UTC days at both ends.
        await AddAsync(Facts("a", hour: 1, state: 4));
        await AddAsync(Facts("b", hour: 10, closeHours: 2));
        await AddAsync(Facts("c", hour: 30, state: 2));
        await AddAsync(Facts("d", hour: 40, state: IncidentTally.Rejected));
        await AddAsync(Facts("e", hour: 50, closeHours: 5, isPublic: false, viewers: ["partner:kaifeng-grid", "role:city"]));
        await AddAsync(Facts("f", hour: 59, state: 3));
        await AddAsync(Facts("g", hour: 61, state: 3));
        await AddAsync(Facts("h", hour: 80, closeHours: 1));
        await AddAsync(Facts("o", hour: 90, state: 3));
        await AddAsync(Facts("i", hour: 100, state: IncidentTally.Merged));
        await AddAsync(Facts("j", hour: 110, state: 2, isPublic: false, viewers: ["partner:kaifeng-grid", "partner:kaifeng-water"]));
        await AddAsync(Facts("k", hour: 130, closeHours: 4));
        await AddAsync(Facts("l", hour: 150, closeHours: 4));
        await AddAsync(Facts("m", hour: 12, closeHours: 3));
        await AddAsync(Facts("n", hour: 20, state: 2));

        // Reopened and closed again later; moved to another district, type and grade; restricted after the fact.
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendIncidentAsync(Revision("h", 2), Facts("h", hour: 80, closeHours: 10), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendIncidentAsync(Revision("m", 2), Facts("m", "410205", hour: 12, closeHours: 3, type: "natural-disaster/flood", grade: 2), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendIncidentAsync(Revision("n", 2), Facts("n", hour: 20, state: 2, isPublic: false, viewers: ["partner:kaifeng-grid", "role:city"]), Cancel)).Outcome);

        // Six days from Day; open incidents reported up to 60 hours in are old. j is not visible, l is after the period.
        var week = Query() with { ReportedTo = Query().ReportedFrom.AddDays(6), OpenOlderThan = Query().ReportedFrom.AddHours(60) };
        Assert.Equal(
            ["410200 13/5/1/1/6 old 4 median 14400 p90 36000", "410204 12/4/1/1/6 old 4 median 14400 p90 36000", "410205 1/1/0/0/0 old 0 median 10800 p90 10800"],
            (await Store.CountIncidentsAsync(week, Cancel)).Select(Row));
        Assert.Equal(["410204 12/4/1/1/6 old 4 median 14400 p90 36000"], (await Store.CountIncidentsAsync(week with { Prefix = "410204", SubdivisionDigits = 0 }, Cancel)).Select(Row));
        Assert.Equal(["410200 1/1/0/0/0 old 0 median 10800 p90 10800"], (await Store.CountIncidentsAsync(week with { Types = ["natural-disaster"], Grades = [2] }, Cancel)).Take(1).Select(Row));
        Assert.Equal(["410200 12/4/1/1/6 old 3 median 10800 p90 36000"], (await Store.CountIncidentsAsync(week with { Viewer = ["partner:kaifeng-water", "role:lifeline-operator"] }, Cancel)).Take(1).Select(Row));
    }

    /// <summary>Of concurrent appends of the same revision with different facts, one is appended and its facts are the ones counted.</summary>
    [Fact]
    public virtual async Task Concurrent_revisions_leave_the_winners_facts()
    {
        await AddAsync(Facts("a"));

        // Each attempt reports at a different time, by 64ths of an hour so that the times are exact in binary.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => Store.AppendIncidentAsync(Revision("a", 2, $"attempt {i}") with { Sender = $"partner-{i}", EntityOwner = "kaifeng-grid" }, Facts("a", hour: 1 + (i / 64.0), closeHours: i + 1), Cancel))));
        var winner = Assert.Single(Enumerable.Range(0, 16), i => attempts[i].Outcome == AppendOutcome.Appended);
        var counts = await Store.CountIncidentsAsync(Query(), Cancel);
        Assert.Equal((winner + 1) * 3600L, counts[0].MedianSecondsToClose);
    }
}
