namespace CityRisk.Resources;

/// <summary>What a request needs of a capability: at least <see cref="AtLeast"/> in <see cref="Unit"/> (pumps of 300 m3/h or more).</summary>
public sealed record CapabilityRequirement
{
    /// <summary>The capability's name, as resources state it (<c>pumpCapacity</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The least value that serves, in <see cref="Unit"/>; finite.</summary>
    public required double AtLeast { get; init; }

    /// <summary>The unit <see cref="AtLeast"/> is in; a resource stating the capability in another unit does not match.</summary>
    public required string Unit { get; init; }
}
