namespace CityRisk.Incidents;

/// <summary>What <see cref="IncidentClient.GetStatisticsAsync"/> counts (docs/incidents.md, "Statistics").</summary>
public sealed record IncidentStatisticsQuery
{
    /// <summary>The division: a six-digit GB/T 2260 code (<c>410200</c>); its sub-divisions are counted too.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Incidents reported at or after this instant.</summary>
    public required DateTimeOffset ReportedFrom { get; init; }

    /// <summary>Incidents reported before this instant.</summary>
    public required DateTimeOffset ReportedTo { get; init; }

    /// <summary>Only these types or categories (<c>accident</c>, <c>accident/fire</c>); null or empty for all.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Only these grades; null or empty for all.</summary>
    public IReadOnlyList<IncidentGrade>? Grades { get; init; }

    /// <summary>An open incident reported at least this long before <see cref="AsOf"/> counts as old. Default 30 days; whole days.</summary>
    public TimeSpan OpenOlderThan { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The instant open cases' age is measured from; null for the hub's clock now.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
