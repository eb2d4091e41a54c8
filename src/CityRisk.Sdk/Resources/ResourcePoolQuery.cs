using CityRisk.Geo;

namespace CityRisk.Resources;

/// <summary>What <see cref="ResourceClient.QueryPoolAsync"/> looks for (docs/resources.md, "Pool query"); every condition set must hold.</summary>
public sealed record ResourcePoolQuery
{
    /// <summary>Of any of these types (<see cref="ResourceTypes"/>); null or empty for any.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Stating each of these capabilities, in the same unit, at or above the least value.</summary>
    public IReadOnlyList<CapabilityRequirement>? Capabilities { get; init; }

    /// <summary>Based within <see cref="WithinKm"/> of this position, nearest first; null for anywhere.</summary>
    public GeoPoint? Near { get; init; }

    /// <summary>The distance for <see cref="Near"/>, kilometres. Default 100.</summary>
    public double WithinKm { get; init; } = 100;

    /// <summary>In divisions whose GB/T 2260 code starts with one of these prefixes (2, 4 or 6 digits); null or empty for any.</summary>
    public IReadOnlyList<string>? Jurisdictions { get; init; }

    /// <summary>Also resources with nothing available now.</summary>
    public bool IncludeUnavailable { get; init; }

    /// <summary>The most entries; 0 for the hub's default (100), at most 1000.</summary>
    public int Limit { get; init; }
}
