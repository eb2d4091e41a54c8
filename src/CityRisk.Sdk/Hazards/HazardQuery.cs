namespace CityRisk.Hazards;

/// <summary>What <see cref="HazardClient.QueryAsync"/> selects.</summary>
public sealed record HazardQuery
{
    /// <summary>Which hazards; null for all the caller may see.</summary>
    public HazardFilter? Filter { get; init; }

    /// <summary>Include earlier revisions (the history), not only each hazard's latest. Default false.</summary>
    public bool IncludeHistory { get; init; }
}
