using CityRisk.Incidents;
using CityRisk.Protocol.V1;
using CityRisk.Server.Tests.Exchange;
using Grpc.Core;

namespace CityRisk.Server.Tests.Incidents;

/// <summary>
/// GetIncidentStatistics on a known data set (docs/incidents.md, "Statistics"), on both stores: the counts, the
/// closure rate, nearest-rank percentiles, open cases by age, sub-divisions, and only what the caller may see.
/// </summary>
public sealed class IncidentStatisticsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly (string, string[])[] Partners =
    [
        ("kaifeng-grid", ["city"]), ("kaifeng-city", ["city"]), ("kaifeng-water", ["lifeline-operator"]), ("zhengzhou-em", ["city"]),
    ];

    private static readonly Dictionary<string, string[]> Jurisdictions = new() { ["kaifeng-city"] = ["410000"], ["zhengzhou-em"] = ["410100"] };

    /// <summary>Publishes an incident's report and walks it to <paramref name="final"/>, closing it <paramref name="toClose"/> after the report.</summary>
    internal static async Task<Incident> RunAsync(TestHub hub, string id, string jurisdiction, DateTimeOffset reported, IncidentState final, TimeSpan toClose = default, string[]? audience = null)
    {
        var incident = IncidentPublishTests.Report(id, jurisdiction, audience is null ? CityRisk.DocumentScope.Public : CityRisk.DocumentScope.Restricted) with
        {
            ReportedAt = reported,
            OccurredAt = reported.AddMinutes(-5),
            UpdatedAt = reported,
            Audience = audience ?? [],
        };
        await hub.CallAsync(TestHub.Publish, IncidentPublishTests.Request(incident), "kaifeng-grid");
        (IncidentState To, string By)[] path = final switch
        {
            IncidentState.Reported => [],
            IncidentState.Rejected => [(IncidentState.Rejected, "kaifeng-city")],
            IncidentState.Merged => [(IncidentState.Verified, "kaifeng-city"), (IncidentState.Merged, "kaifeng-city")],
            IncidentState.Handling => [(IncidentState.Verified, "kaifeng-city"), (IncidentState.Dispatched, "kaifeng-city"), (IncidentState.Handling, "kaifeng-water")],
            _ => [(IncidentState.Verified, "kaifeng-city"), (IncidentState.Dispatched, "kaifeng-city"), (IncidentState.Handling, "kaifeng-water"), (IncidentState.Resolved, "kaifeng-water"), (IncidentState.Closed, "kaifeng-grid")],
        };
        for (var i = 0; i < path.Length; i++)
        {
            var (to, by) = path[i];
            var at = to == IncidentState.Closed ? reported + toClose : reported.AddMinutes(i + 1);
            incident = IncidentLifecycle.Step(incident, to, by, at, assignTo: to == IncidentState.Dispatched ? "kaifeng-water" : null,
                mergedInto: to == IncidentState.Merged ? new IncidentKey { Owner = "kaifeng-grid", Id = "f" } : null);
            await hub.CallAsync(TestHub.Publish, IncidentPublishTests.Request(incident), by);
        }

        return incident;
    }

    private static async Task SeedAsync(TestHub hub)
    {
        var nov = new DateTimeOffset(2026, 11, 1, 9, 0, 0, China);
        await RunAsync(hub, "a", "410204", nov.AddDays(3), IncidentState.Closed, TimeSpan.FromHours(2));
        await RunAsync(hub, "b", "410204", nov.AddDays(4), IncidentState.Closed, TimeSpan.FromHours(10));
        await RunAsync(hub, "c", "410204", nov.AddDays(5), IncidentState.Closed, TimeSpan.FromHours(1));
        await RunAsync(hub, "d", "410204", nov.AddDays(6), IncidentState.Rejected);
        await RunAsync(hub, "e", "410204", nov, IncidentState.Handling);
        await RunAsync(hub, "f", "410205", nov.AddDays(7), IncidentState.Closed, TimeSpan.FromHours(4));
        await RunAsync(hub, "g", "410205", nov.AddDays(8), IncidentState.Merged);
        await RunAsync(hub, "h", "410205", nov.AddDays(24), IncidentState.Reported);
        await RunAsync(hub, "i", "410205", nov.AddDays(9), IncidentState.Closed, TimeSpan.FromHours(100), audience: ["lifeline-operator", "partner:kaifeng-city"]);
        await RunAsync(hub, "j", "410204", nov.AddDays(-17), IncidentState.Closed, TimeSpan.FromHours(3)); // before the period
        await RunAsync(hub, "k", "410102", nov.AddDays(3), IncidentState.Closed, TimeSpan.FromHours(3)); // Zhengzhou, not Kaifeng
    }

    private static IncidentStatisticsRequest November() => new()
    {
        Jurisdiction = "410200",
        ReportedFrom = "2026-11-01T00:00:00+08:00",
        ReportedTo = "2026-12-01T00:00:00+08:00",
        AsOf = "2026-12-01T12:00:00+08:00",
    };

    private static string Row(IncidentCounts c) =>
        $"{c.Jurisdiction} reported={c.Reported} closed={c.Closed} rejected={c.Rejected} merged={c.Merged} open={c.Open} rate={c.ClosureRate:0.0000} "
        + $"median={(c.HasMedianSecondsToClose ? c.MedianSecondsToClose : "-")} p90={(c.HasP90SecondsToClose ? c.P90SecondsToClose : "-")} old={c.OpenOlderThan}";

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_known_data_set_gives_the_documented_figures_over_what_the_caller_may_see(string store)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cityrisk-stats-{Guid.NewGuid():N}.db");
        try
        {
            await using (var hub = await TestHub.StartAsync(Partners, configure: o => o.Store = store == "memory" ? "memory" : $"sqlite:{path}", jurisdictions: Jurisdictions))
            {
                await SeedAsync(hub);
                var city = await hub.CallAsync(TestHub.GetIncidentStatistics, November(), "zhengzhou-em");
                Assert.Equal(
                    [
                        "410200 reported=8 closed=4 rejected=1 merged=1 open=2 rate=0.6667 median=7200 p90=36000 old=1",
                        "410204 reported=5 closed=3 rejected=1 merged=0 open=1 rate=0.7500 median=7200 p90=36000 old=1",
                        "410205 reported=3 closed=1 rejected=0 merged=1 open=1 rate=0.5000 median=14400 p90=14400 old=0",
                    ],
                    [Row(city.Total), .. city.Subdivisions.Select(Row)]);
                Assert.Equal("2026-12-01T04:00:00Z", city.AsOf);

                // The water company also sees the restricted incident i, closed after 100 hours.
                var water = await hub.CallAsync(TestHub.GetIncidentStatistics, November(), "kaifeng-water");
                Assert.Equal("410200 reported=9 closed=5 rejected=1 merged=1 open=2 rate=0.7143 median=14400 p90=360000 old=1", Row(water.Total));

                var district = November();
                district.Jurisdiction = "410204";
                district.EventTypes.Add("accident");
                district.Grades.Add("IV");
                var gulou = await hub.CallAsync(TestHub.GetIncidentStatistics, district, "zhengzhou-em");
                Assert.Equal("410204 reported=5 closed=3 rejected=1 merged=0 open=1 rate=0.7500 median=7200 p90=36000 old=1", Row(gulou.Total));
                Assert.Empty(gulou.Subdivisions);

                district.EventTypes.Clear();
                district.EventTypes.Add("natural-disaster");
                var none = await hub.CallAsync(TestHub.GetIncidentStatistics, district, "zhengzhou-em");
                Assert.Equal("410204 reported=0 closed=0 rejected=0 merged=0 open=0 rate=0.0000 median=- p90=- old=0", Row(none.Total));
            }

            if (store == "sqlite")
            {
                // The index survives a restart: it is written with the revisions.
                await using var again = await TestHub.StartAsync(Partners, configure: o => o.Store = $"sqlite:{path}", jurisdictions: Jurisdictions);
                var city = await again.CallAsync(TestHub.GetIncidentStatistics, November(), "zhengzhou-em");
                Assert.Equal("410200 reported=8 closed=4 rejected=1 merged=1 open=2 rate=0.6667 median=7200 p90=36000 old=1", Row(city.Total));
            }
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    [Theory]
    [InlineData("", "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00", "jurisdiction")]
    [InlineData("410200", "2026-11-01", "2026-12-01T00:00:00+08:00", "reported_from")]
    [InlineData("410200", "2026-12-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00", "reported_to must be after reported_from")]
    public async Task A_bad_request_is_INVALID_ARGUMENT_naming_the_field(string jurisdiction, string from, string to, string named)
    {
        await using var hub = await TestHub.StartAsync(Partners, jurisdictions: Jurisdictions);
        var request = new IncidentStatisticsRequest { Jurisdiction = jurisdiction, ReportedFrom = from, ReportedTo = to };
        request.Grades.Add("V");
        var refused = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.GetIncidentStatistics, request, "zhengzhou-em"));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(named, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("'V' is not one of I, II, III, IV", refused.Status.Detail, StringComparison.Ordinal);
    }
}
