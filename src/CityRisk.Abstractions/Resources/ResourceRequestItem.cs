using CityRisk.Geo;

namespace CityRisk.Resources;

/// <summary>One line of a resource request: how many of a type, with which capabilities, delivered where and when.</summary>
public sealed record ResourceRequestItem
{
    private readonly IReadOnlyList<CapabilityRequirement> _capabilities = [];

    /// <summary>The type wanted: a code of <see cref="ResourceTypes"/> or <c>namespace:code</c>.</summary>
    public required string Type { get; init; }

    /// <summary>How many, 1 or more, in the unit resources of the type are counted in.</summary>
    public required int Quantity { get; init; }

    /// <summary>What each must be able to do (pumps of 300 m3/h or more); empty when any will do.</summary>
    public IReadOnlyList<CapabilityRequirement> Capabilities { get => _capabilities; init => _capabilities = value ?? []; }

    /// <summary>Where to deliver: a Point.</summary>
    public required GeoGeometry DeliverTo { get; init; }

    /// <summary>When it is needed there, with its offset.</summary>
    public required DateTimeOffset NeededBy { get; init; }

    /// <summary>Until when it is needed, with its offset; open-ended when absent.</summary>
    public DateTimeOffset? NeededUntil { get; init; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other item.</param>
    public bool Equals(ResourceRequestItem? other) =>
        other is not null && Type == other.Type && Quantity == other.Quantity && Capabilities.SequenceEqual(other.Capabilities) && Equals(DeliverTo, other.DeliverTo)
        && ContentEquality.Instants(NeededBy, other.NeededBy) && ContentEquality.Instants(NeededUntil, other.NeededUntil);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Quantity, NeededBy);
}
