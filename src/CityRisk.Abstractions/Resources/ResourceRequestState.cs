namespace CityRisk.Resources;

/// <summary>
/// Where a resource request is (docs/resources.md, "Requests"). The requester publishes Open, Cancelled and Closed;
/// PartiallyFilled and Filled follow from the commitments and are what the hub reports
/// (<see cref="ResourcePooling.EffectiveState"/>), never published.
/// </summary>
public enum ResourceRequestState
{
    /// <summary>Open: offers and commitments are welcome.</summary>
    Open = 1,

    /// <summary>Some of the quantity wanted is committed (derived).</summary>
    PartiallyFilled = 2,

    /// <summary>Every item's quantity is committed (derived).</summary>
    Filled = 3,

    /// <summary>No longer needed; nothing more can be committed to it (final).</summary>
    Cancelled = 4,

    /// <summary>Done: the mission is over (final).</summary>
    Closed = 5,
}
