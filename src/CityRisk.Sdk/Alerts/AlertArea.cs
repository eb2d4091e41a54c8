using System.Globalization;
using CityRisk.Geo;

namespace CityRisk.Alerts;

/// <summary>
/// An area a query or subscription selects: alerts whose areas (polygons, circles, and geocodes the hub resolves to
/// geometry) intersect it. A bounding box or a polygon, in WGS 84 longitude and latitude.
/// </summary>
public sealed class AlertArea
{
    private AlertArea(double west, double south, double east, double north, GeoPolygon? polygon)
    {
        (West, South, East, North, Polygon) = (west, south, east, north, polygon);
    }

    /// <summary>The polygon, or null for a bounding box.</summary>
    public GeoPolygon? Polygon { get; }

    /// <summary>The western edge of the box (longitude), or of the polygon's extent.</summary>
    public double West { get; }

    /// <summary>The southern edge (latitude).</summary>
    public double South { get; }

    /// <summary>The eastern edge (longitude).</summary>
    public double East { get; }

    /// <summary>The northern edge (latitude).</summary>
    public double North { get; }

    /// <summary>A box from its edges in degrees.</summary>
    /// <param name="west">Western longitude, -180 to 180.</param>
    /// <param name="south">Southern latitude, -90 to 90.</param>
    /// <param name="east">Eastern longitude, at least <paramref name="west"/>.</param>
    /// <param name="north">Northern latitude, at least <paramref name="south"/>.</param>
    /// <exception cref="ArgumentException">An edge is out of range, or the box is inside out.</exception>
    public static AlertArea BoundingBox(double west, double south, double east, double north)
    {
        if (!(west is >= -180 and <= 180 && east is >= -180 and <= 180 && south is >= -90 and <= 90 && north is >= -90 and <= 90))
        {
            throw new ArgumentException($"The box {west},{south},{east},{north} has an edge out of range (longitude -180..180, latitude -90..90).");
        }

        if (west > east || south > north)
        {
            throw new ArgumentException($"The box {west},{south},{east},{north} is inside out: west must be at most east and south at most north.");
        }

        return new AlertArea(west, south, east, north, null);
    }

    /// <summary>
    /// Parses <c>west,south,east,north</c> in degrees (<c>113.0,22.5,113.4,23.2</c>), as the CLI's <c>--area</c> takes it.
    /// </summary>
    /// <param name="text">Four comma-separated numbers.</param>
    /// <exception cref="ArgumentException">Not four numbers, or not a valid box.</exception>
    public static AlertArea ParseBoundingBox(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[4];
        if (parts.Length != 4 || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])).Any(ok => !ok))
        {
            throw new ArgumentException($"'{text}' is not a box: give west,south,east,north in degrees, like 113.0,22.5,113.4,23.2.", nameof(text));
        }

        return BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    /// <summary>A polygon (its outer ring; holes are not used for matching).</summary>
    /// <param name="polygon">A closed ring of at least four points.</param>
    public static AlertArea FromPolygon(GeoPolygon polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        var ring = polygon.OuterRing;
        if (ring.Count < 4 || ring[0] != ring[^1])
        {
            throw new ArgumentException("The polygon's ring must be closed (first point equals last) and have at least four points.", nameof(polygon));
        }

        return new AlertArea(ring.Min(p => p.Longitude), ring.Min(p => p.Latitude), ring.Max(p => p.Longitude), ring.Max(p => p.Latitude), polygon);
    }

    /// <summary>The area as the wire's filter.</summary>
    internal Protocol.V1.AreaFilter ToWire() => Polygon is { } polygon
        ? new Protocol.V1.AreaFilter { Polygon = new Protocol.V1.Polygon { Ring = { polygon.OuterRing.Select(p => new Protocol.V1.Position { Longitude = p.Longitude, Latitude = p.Latitude }) } } }
        : new Protocol.V1.AreaFilter { BoundingBox = new Protocol.V1.BoundingBox { West = West, South = South, East = East, North = North } };
}
