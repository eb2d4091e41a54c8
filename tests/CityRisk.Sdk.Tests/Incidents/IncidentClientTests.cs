using CityRisk.Client;
using CityRisk.Incidents;
using Grpc.Core;

namespace CityRisk.Sdk.Tests.Incidents;

/// <summary>
/// <c>client.Incidents</c> against the reference hub on loopback with its SQLite store: report, every step of the
/// closed loop by the partner allowed to take it, the history, queries by state and assignee, a subscription, and
/// statistics.
/// </summary>
public sealed class IncidentClientTests
{
    private static readonly (string Id, string[] Roles)[] Partners =
    [
        ("kaifeng-grid", ["city"]), ("kaifeng-gulou", ["city"]), ("kaifeng-water", ["lifeline-operator"]), ("macau-smg", ["vendor"]),
    ];

    private static Incident Report() =>
        DocumentCodecs.Default.Get<Incident>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "incidents", "kaifeng-drainage-outlet.json"))).Value!;

    [Fact]
    public async Task The_closed_loop_runs_through_the_client_and_the_statistics_show_the_closure()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var hub = await TestExchange.StartAsync(partnerSpecs: Partners, jurisdictions: new Dictionary<string, string[]> { ["kaifeng-gulou"] = ["410204"] });
        using var grid = hub.Client("kaifeng-grid");
        using var district = hub.Client("kaifeng-gulou");
        using var water = hub.Client("kaifeng-water");
        using var macau = hub.Client("macau-smg");

        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var steps = district.Incidents.SubscribeAsync(new IncidentSubscribeOptions { Start = SubscriptionStart.FromBeginning }, following.Token).GetAsyncEnumerator(following.Token);

        var report = Report();
        var reported = await grid.Incidents.ReportAsync(report, cancel);
        Assert.Equal("incident/kf-2026-000123/1", reported.Id);
        Assert.True((await grid.Incidents.ReportAsync(report, cancel)).Duplicate);

        await district.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Verified, "Confirmed by camera 17.", cancellationToken: cancel);
        await district.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Dispatched, "To the water authority.", assignTo: "kaifeng-water", cancellationToken: cancel);
        var mine = await water.Incidents.QueryAsync(new IncidentQuery { Filter = new IncidentFilter { AssignedTo = ["kaifeng-water"], States = [IncidentState.Dispatched] } }, cancel).ToListAsync(cancel);
        Assert.Equal([report.Id], mine.Select(m => m.Incident.Id));

        await water.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Handling, "Crew on site.", cancellationToken: cancel);
        var denied = await Assert.ThrowsAsync<CityRiskException>(() => grid.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Resolved, cancellationToken: cancel));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        await water.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Resolved, "Outlet cleared.", cancellationToken: cancel);
        var closed = await grid.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Closed, "Checked: the road is dry.", cancellationToken: cancel);
        Assert.Equal((6L, IncidentState.Closed, "kaifeng-grid"), (closed.Incident.Revision, closed.Incident.State, closed.Incident.UpdatedBy));

        var illegal = await Assert.ThrowsAsync<CityRiskException>(() => district.Incidents.TransitionAsync("kaifeng-grid", report.Id, IncidentState.Handling, cancellationToken: cancel));
        Assert.Equal(StatusCode.FailedPrecondition, illegal.StatusCode);

        var history = await water.Incidents.GetHistoryAsync("kaifeng-grid", report.Id, cancel);
        Assert.Equal(["Reported kaifeng-grid", "Verified kaifeng-gulou", "Dispatched kaifeng-gulou", "Handling kaifeng-water", "Resolved kaifeng-water", "Closed kaifeng-grid"],
            history.Select(h => $"{h.Incident.State} {h.Incident.UpdatedBy}"));
        Assert.Empty(await macau.Incidents.GetHistoryAsync("kaifeng-grid", report.Id, cancel));
        var hidden = await Assert.ThrowsAsync<CityRiskException>(() => macau.Incidents.GetAsync("kaifeng-grid", report.Id, cancel));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);

        for (var revision = 1; revision <= 6; revision++)
        {
            Assert.True(await steps.MoveNextAsync());
            Assert.Equal(revision, steps.Current.Incident.Revision);
        }

        await following.CancelAsync();
        await steps.DisposeAsync();

        var statistics = await district.Incidents.GetStatisticsAsync(new IncidentStatisticsQuery
        {
            Jurisdiction = "410200",
            ReportedFrom = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)),
            ReportedTo = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)),
        }, cancel);
        Assert.Equal((1L, 1L, 1.0), (statistics.Total.Reported, statistics.Total.Closed, statistics.Total.ClosureRate));
        Assert.Equal(Math.Floor((closed.Incident.UpdatedAt - report.ReportedAt).TotalSeconds), statistics.Total.MedianTimeToClose!.Value.TotalSeconds);
        Assert.Equal(["410204"], statistics.Subdivisions.Select(s => s.Jurisdiction));
        var nothing = await macau.Incidents.GetStatisticsAsync(new IncidentStatisticsQuery { Jurisdiction = "410200", ReportedFrom = report.ReportedAt.AddDays(-1), ReportedTo = report.ReportedAt.AddDays(1) }, cancel);
        Assert.Equal(0, nothing.Total.Reported);
    }
}
