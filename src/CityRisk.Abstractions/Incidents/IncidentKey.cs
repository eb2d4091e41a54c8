namespace CityRisk.Incidents;

/// <summary>An incident's key: its owner (the reporting partner) and its id.</summary>
public sealed record IncidentKey
{
    /// <summary>The reporting partner.</summary>
    public required string Owner { get; init; }

    /// <summary>The incident's id, unique for its owner.</summary>
    public required string Id { get; init; }
}
