using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Incidents;
using Grpc.Core;

namespace CityRisk.Demo;

/// <summary>
/// The Kaifeng part of the demo (docs/incidents.md): a grid worker reports a blocked drainage outlet; Gulou district
/// verifies it and dispatches the water authority, which resolves it; the grid worker checks it and closes it; the
/// statistics show the closure, and Macau, outside the incident's audience, sees neither it nor its count.
/// </summary>
internal static class DemoIncidents
{
    public const string Grid = "kaifeng-grid";
    public const string District = "kaifeng-gulou";
    public const string Water = "kaifeng-water";

    public static readonly string[] Partners = [Grid, District, Water];

    /// <summary>Gulou district's emergency bureau is responsible for Gulou (410204).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Jurisdictions = new Dictionary<string, string[]> { [District] = ["410204"] };

    public static async Task<bool> RunAsync(CityRiskClient grid, CityRiskClient district, CityRiskClient water, CityRiskClient macau, Timeline timeline, CancellationToken cancellationToken)
    {
        timeline.Section("Kaifeng closes the loop on a blocked drainage outlet");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var reportedAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset).AddHours(-6);
        var report = new Incident
        {
            Id = $"kf-{reportedAt:yyyyMMdd}-000123",
            Owner = Grid,
            Revision = 1,
            ReporterRole = ReporterRole.GridWorker,
            Type = "accident/drainage-facility",
            Domain = RiskDomain.Lifeline,
            Grade = IncidentGrade.IV,
            Title = new LocalizedText([new("zh-Hans", "排水口堵塞"), new("en", "Blocked drainage outlet")]),
            Description = LocalizedText.Of("en", "The outlet on Shudian Street is blocked by rubbish; about 10 cm of water on the road."),
            Location = new PointGeometry(new GeoPoint(114.3521, 34.7935)),
            Jurisdiction = "410204",
            OccurredAt = reportedAt.AddMinutes(-20),
            ReportedAt = reportedAt,
            State = IncidentState.Reported,
            UpdatedBy = Grid,
            UpdatedAt = reportedAt,
            Note = "Found on patrol.",
            Scope = DocumentScope.Restricted,
            Audience = [$"partner:{District}"],
        };

        var reported = await grid.Incidents.ReportAsync(report, cancellationToken);
        timeline.Add("Kaifeng Grid", $"reported {reported.Id} at {reportedAt:HH:mm}: blocked drainage outlet, Gulou (410204), Restricted to the district -> cursor {reported.Cursor}");
        await Step(district, "Gulou District", IncidentState.Verified, "Confirmed by camera 17.");
        try
        {
            await water.Incidents.TransitionAsync(Grid, report.Id, IncidentState.Handling, cancellationToken: cancellationToken);
            timeline.Add("Kaifeng Water", "started work before being dispatched: the hub should have refused!");
            return false;
        }
        catch (CityRiskException ex)
        {
            timeline.Add("Kaifeng Water", $"tries to start work before it is dispatched: {ex.ErrorCode} (the incident is not addressed to it yet, so for it there is none)");
        }

        await Step(district, "Gulou District", IncidentState.Dispatched, "To the water authority.", Water);
        await Step(water, "Kaifeng Water", IncidentState.Handling, "Crew on site.");
        await Step(water, "Kaifeng Water", IncidentState.Resolved, "Outlet cleared, water drained.");
        await Step(grid, "Kaifeng Grid", IncidentState.Closed, "Checked on site: the road is dry.");

        var history = await district.Incidents.GetHistoryAsync(Grid, report.Id, cancellationToken);
        timeline.Add("Gulou District", $"reads the case file: {string.Join(" -> ", history.Select(h => $"{h.Incident.State} ({h.Incident.UpdatedBy})"))}");

        var period = new IncidentStatisticsQuery { Jurisdiction = "410200", ReportedFrom = reportedAt.AddDays(-1), ReportedTo = now.AddDays(1) };
        var statistics = await district.Incidents.GetStatisticsAsync(period, cancellationToken);
        var t = statistics.Total;
        timeline.Add("Gulou District", $"Kaifeng's statistics: {t.Reported} reported, {t.Closed} closed ({t.ClosureRate:P0}), median time to close {t.MedianTimeToClose:hh\\:mm}; Gulou: {(statistics.Subdivisions.Count > 0 ? statistics.Subdivisions[0].Closed : 0)} closed");
        var seenByMacau = await macau.Incidents.GetStatisticsAsync(period, cancellationToken);
        bool hidden;
        try
        {
            await macau.Incidents.GetAsync(Grid, report.Id, cancellationToken);
            hidden = false;
        }
        catch (CityRiskException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            hidden = true;
            timeline.Add("Macau", $"asks for the incident: {ex.ErrorCode}; its statistics count {seenByMacau.Total.Reported} incident(s)");
        }

        return DemoRun.Check(timeline, "Gulou District", history.Select(h => h.Incident.State).SequenceEqual(
                [IncidentState.Reported, IncidentState.Verified, IncidentState.Dispatched, IncidentState.Handling, IncidentState.Resolved, IncidentState.Closed]), "saw all six steps in the case file")
            & DemoRun.Check(timeline, "Gulou District", t is { Reported: 1, Closed: 1 } && t.ClosureRate == 1, "counted the incident reported and closed")
            & DemoRun.Check(timeline, "Macau", hidden && seenByMacau.Total.Reported == 0, "saw neither the Restricted incident nor its count");

        async Task Step(CityRiskClient client, string actor, IncidentState state, string note, string? assignTo = null)
        {
            var step = await client.Incidents.TransitionAsync(Grid, report.Id, state, note, assignTo, cancellationToken: cancellationToken);
            timeline.Add(actor, $"{state}{(assignTo is null ? string.Empty : $" to {assignTo}")}: \"{note}\" -> revision {step.Incident.Revision}, cursor {step.Cursor}");
        }
    }
}
