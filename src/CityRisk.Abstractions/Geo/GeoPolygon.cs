using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk.Geo;

/// <summary>
/// A polygon as GeoJSON polygon coordinates: an outer ring and optional holes, each ring a closed list of points.
/// In JSON it is <c>[[[lon, lat], ...], ...]</c>.
/// </summary>
/// <remarks>CAP polygons have exactly one ring; a polygon with holes cannot be written as CAP.</remarks>
/// <param name="Rings">The outer ring first, then any holes.</param>
[JsonConverter(typeof(GeoPolygonJsonConverter))]
public sealed record GeoPolygon(IReadOnlyList<IReadOnlyList<GeoPoint>> Rings)
{
    /// <summary>Creates a polygon with one ring and no holes.</summary>
    /// <param name="ring">The ring; the first and last points should be equal.</param>
    /// <returns>The polygon.</returns>
    public static GeoPolygon FromRing(params IReadOnlyList<GeoPoint> ring) => new([ring]);

    /// <summary>The outer ring, or an empty list when the polygon has no rings.</summary>
    public IReadOnlyList<GeoPoint> OuterRing => Rings.Count > 0 ? Rings[0] : [];

    /// <summary>Whether two polygons have the same rings, point by point.</summary>
    /// <param name="other">The other polygon.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(GeoPolygon? other)
    {
        if (other is null || Rings.Count != other.Rings.Count)
        {
            return false;
        }

        for (var i = 0; i < Rings.Count; i++)
        {
            if (!ContentEquality.Lists(Rings[i], other.Rings[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var ring in Rings)
        {
            ContentEquality.AddList(ref hash, ring);
        }

        return hash.ToHashCode();
    }
}
