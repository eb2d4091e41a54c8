namespace CityRisk.Storage;

/// <summary>
/// A hazard's evaluation as a store keeps it: the hub's state for the hazard (opaque to the store) and whether a
/// warning it calls for is still to be published.
/// </summary>
public sealed record HazardEvaluationRecord
{
    /// <summary>The hazard's owner.</summary>
    public required string HazardOwner { get; init; }

    /// <summary>The hazard's id.</summary>
    public required string HazardId { get; init; }

    /// <summary>Whether the state calls for a warning not yet published (the hub publishes it, then clears this).</summary>
    public bool WarningPending { get; init; }

    /// <summary>The hub's serialized state for the hazard; stores keep it as given.</summary>
    public required byte[] State { get; init; }
}
