using CityRisk.Geo;
using CityRisk.Incidents;

namespace CityRisk.Tests.Incidents;

/// <summary>A valid incident report to vary in tests.</summary>
internal static class IncidentBuilder
{
    public static readonly DateTimeOffset Reported = new(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8));

    public static Incident Report() => new()
    {
        Id = "kf-2026-000123",
        Owner = "kaifeng-grid",
        Revision = 1,
        ReporterRole = ReporterRole.GridWorker,
        Type = "accident/drainage-facility",
        Domain = RiskDomain.Lifeline,
        Grade = IncidentGrade.IV,
        Title = LocalizedText.Of("zh-Hans", "排水口堵塞"),
        Location = new PointGeometry(new GeoPoint(114.3521, 34.7935)),
        Jurisdiction = "410204",
        OccurredAt = Reported.AddMinutes(-20),
        ReportedAt = Reported,
        State = IncidentState.Reported,
        UpdatedBy = "kaifeng-grid",
        UpdatedAt = Reported,
        Scope = DocumentScope.Public,
    };
}
