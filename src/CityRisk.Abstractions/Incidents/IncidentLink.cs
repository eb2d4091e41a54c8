namespace CityRisk.Incidents;

/// <summary>
/// Another message or entity an incident concerns: the alert that warned of it, the hazard it happened at, the
/// resource requests it raised, a related incident. A link is a reference; the hub does not require the target to exist.
/// </summary>
public sealed record IncidentLink
{
    /// <summary>The target's kind: <c>alert</c>, <c>hazard</c>, <c>resource-request</c> or <c>incident</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>For an alert, its sender partner; for an entity, its owner.</summary>
    public required string Partner { get; init; }

    /// <summary>For an alert, its CAP identifier; for an entity, its id.</summary>
    public required string Id { get; init; }
}
