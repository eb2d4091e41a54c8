using CityRisk.Alerts;
using CityRisk.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace CityRisk.Server.Geo;

/// <summary>A longitude/latitude pair, whatever it came from.</summary>
internal readonly record struct GeoPointLike(double Longitude, double Latitude);

/// <summary>
/// Builds NetTopologySuite geometries (x = longitude, y = latitude, WGS 84) from CityRisk shapes: polygons, circles
/// as geodesic polygons, and geocodes through a <see cref="GeocodeTable"/>.
/// </summary>
internal static class GeometryBuilder
{
    private const double EarthRadiusKm = 6371.0088;
    private const int CircleVertices = 32;

    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    public static Polygon Box(double west, double south, double east, double north) => Factory.CreatePolygon(
    [
        new Coordinate(west, south), new Coordinate(east, south), new Coordinate(east, north), new Coordinate(west, north), new Coordinate(west, south),
    ]);

    public static Polygon Polygon(IReadOnlyList<GeoPointLike> ring)
    {
        var coordinates = ring.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToList();
        if (coordinates.Count > 0 && !coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0].Copy());
        }

        return Factory.CreatePolygon([.. coordinates]);
    }

    /// <summary>A circle on the sphere as a polygon of 32 destination points around its centre.</summary>
    public static Polygon Circle(GeoCircle circle)
    {
        var latitude = circle.Center.Latitude * Math.PI / 180;
        var longitude = circle.Center.Longitude * Math.PI / 180;
        var angular = Math.Max(circle.RadiusKm, 0.001) / EarthRadiusKm;
        var coordinates = new Coordinate[CircleVertices + 1];
        for (var i = 0; i < CircleVertices; i++)
        {
            var bearing = 2 * Math.PI * i / CircleVertices;
            var lat = Math.Asin((Math.Sin(latitude) * Math.Cos(angular)) + (Math.Cos(latitude) * Math.Sin(angular) * Math.Cos(bearing)));
            var lon = longitude + Math.Atan2(Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(latitude), Math.Cos(angular) - (Math.Sin(latitude) * Math.Sin(lat)));
            coordinates[i] = new Coordinate(lon * 180 / Math.PI, lat * 180 / Math.PI);
        }

        coordinates[CircleVertices] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>Everything an alert's areas cover, or null when they have no shape the hub can place.</summary>
    public static Geometry? FromAlert(Alert alert, GeocodeTable geocodes)
    {
        var parts = new List<Geometry>();
        foreach (var area in alert.Info.SelectMany(i => i.Areas))
        {
            parts.AddRange(area.Polygons.Where(p => p.OuterRing.Count >= 4).Select(p => (Geometry)Polygon([.. p.OuterRing.Select(q => new GeoPointLike(q.Longitude, q.Latitude))])));
            parts.AddRange(area.Circles.Select(Circle));
            parts.AddRange(area.Geocodes.Where(g => g.ValueName == Jurisdiction.GeocodeValueName).Select(g => geocodes.Resolve(g.Value)).OfType<Geometry>());
        }

        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => Factory.CreateGeometryCollection([.. parts]),
        };
    }

    public static byte[] ToWkb(Geometry geometry) => new WKBWriter().Write(geometry);

    public static Geometry FromWkb(byte[] wkb) => new WKBReader(NetTopologySuite.NtsGeometryServices.Instance).Read(wkb);
}
