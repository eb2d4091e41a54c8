namespace CityRisk.Storage;

/// <summary>
/// What a pool query selects (docs/resources.md, "Pool query"); <see cref="Admits"/> is the one rule, so stores that
/// narrow by index first agree on the answer.
/// </summary>
public sealed record PoolQuery
{
    /// <summary>The mean Earth radius the distance is measured on, in kilometres (IUGG).</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Only these types; empty for any.</summary>
    public IReadOnlyCollection<string> Types { get; init; } = [];

    /// <summary>Capabilities each resource must state: name, least value, unit.</summary>
    public IReadOnlyList<(string Name, double AtLeast, string Unit)> Capabilities { get; init; } = [];

    /// <summary>The centre (longitude, latitude) distances are measured from; null for anywhere.</summary>
    public (double Longitude, double Latitude)? Near { get; init; }

    /// <summary>With <see cref="Near"/>: the greatest distance, kilometres.</summary>
    public double WithinKm { get; init; }

    /// <summary>GB/T 2260 prefixes a resource's jurisdiction must start with one of; empty for any.</summary>
    public IReadOnlyCollection<string> Jurisdictions { get; init; } = [];

    /// <summary>Also resources with nothing available.</summary>
    public bool IncludeUnavailable { get; init; }

    /// <summary>The viewer's entries (<c>partner:&lt;id&gt;</c>, <c>role:&lt;role&gt;</c>, <c>group:&lt;name&gt;</c>); a resource is seen when public, owned by the viewer, or naming one.</summary>
    public required IReadOnlyCollection<string> Viewer { get; init; }

    /// <summary>The viewer's partner id: its own resources are always seen.</summary>
    public required string ViewerId { get; init; }

    /// <summary>The hub's clock: offers expire by it.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The most entries wanted; a store returns one more when there are more.</summary>
    public required int Limit { get; init; }

    /// <summary>Whether a resource meets every condition but availability, and its distance from the centre (0 without one).</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="distanceKm">Its distance, kilometres.</param>
    public bool Admits(PooledResource resource, out double distanceKm)
    {
        ArgumentNullException.ThrowIfNull(resource);
        distanceKm = Near is { } centre ? DistanceKm(centre.Longitude, centre.Latitude, resource.Longitude, resource.Latitude) : 0;
        return (Types.Count == 0 || Types.Contains(resource.Type))
            && (Near is null || distanceKm <= WithinKm)
            && (Jurisdictions.Count == 0 || Jurisdictions.Any(p => resource.Jurisdiction.StartsWith(p, StringComparison.Ordinal)))
            && Capabilities.All(c => resource.Capabilities.Any(r => r.Name == c.Name && r.Unit == c.Unit && r.Value >= c.AtLeast))
            && (resource.Public || resource.Owner == ViewerId || resource.Viewers.Any(Viewer.Contains));
    }

    /// <summary>The great-circle distance between two positions on a sphere of <see cref="EarthRadiusKm"/> (haversine), kilometres.</summary>
    /// <param name="longitude1">The first longitude, degrees.</param>
    /// <param name="latitude1">The first latitude, degrees.</param>
    /// <param name="longitude2">The second longitude, degrees.</param>
    /// <param name="latitude2">The second latitude, degrees.</param>
    public static double DistanceKm(double longitude1, double latitude1, double longitude2, double latitude2)
    {
        const double radians = Math.PI / 180;
        var dLat = (latitude2 - latitude1) * radians;
        var dLon = (longitude2 - longitude1) * radians;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(latitude1 * radians) * Math.Cos(latitude2 * radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The latitude and longitude span around the centre that holds every position within <see cref="WithinKm"/>, for an index; null when it wraps a pole or the antimeridian.</summary>
    public (double South, double North, double West, double East)? BoundingBox()
    {
        if (Near is not { } centre)
        {
            return null;
        }

        var dLat = WithinKm / EarthRadiusKm * 180 / Math.PI;
        var south = centre.Latitude - dLat;
        var north = centre.Latitude + dLat;
        if (south <= -90 || north >= 90)
        {
            return null;
        }

        // The widest longitude span is at the latitude farthest from the equator within the box.
        var cos = Math.Cos(Math.Max(Math.Abs(south), Math.Abs(north)) * Math.PI / 180);
        var dLon = Math.Min(180, dLat / cos);
        var west = centre.Longitude - dLon;
        var east = centre.Longitude + dLon;
        return west < -180 || east > 180 ? (south, north, -180, 180) : (south, north, west, east);
    }
}
