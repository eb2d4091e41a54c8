namespace CityRisk.Resources;

/// <summary>A measured capability of a resource: a pump's capacity (<c>pumpCapacity</c>, 500, <c>m3/h</c>), a boat's seats.</summary>
public sealed record ResourceCapability
{
    /// <summary>The capability's name: lower camel case letters and digits (<c>pumpCapacity</c>), or <c>namespace:name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its value, for one unit of the resource (one pump's capacity, one boat's seats); finite.</summary>
    public required double Value { get; init; }

    /// <summary>Its unit (UCUM where one exists: <c>m3/h</c>, <c>kW</c>, <c>1</c> for a count).</summary>
    public required string Unit { get; init; }
}
