namespace CityRisk.Incidents;

/// <summary>What <see cref="IncidentClient.QueryAsync"/> selects.</summary>
public sealed record IncidentQuery
{
    /// <summary>Which incidents; null for all the caller may see.</summary>
    public IncidentFilter? Filter { get; init; }

    /// <summary>Include earlier revisions (every step), not only each incident's latest. Default false.</summary>
    public bool IncludeHistory { get; init; }
}
