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

    /// <summary>A filter's box: west greater than east crosses the antimeridian and becomes its two halves.</summary>
    public static Geometry FilterBox(double west, double south, double east, double north) => west <= east
        ? Box(west, south, east, north)
        : Factory.CreateMultiPolygon([Box(west, south, 180, north), Box(-180, south, east, north)]);

    public static Polygon Polygon(IReadOnlyList<GeoPointLike> ring)
    {
        var coordinates = ring.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToList();
        if (coordinates.Count > 0 && !coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0].Copy());
        }

        return Factory.CreatePolygon([.. coordinates]);
    }

    /// <summary>
    /// A circle on the sphere as a polygon of destination points around its centre, in longitude/latitude. A circle
    /// across the antimeridian becomes the pieces on either side of it; a circle around a pole becomes the cap it
    /// covers (its ring, closed along the pole), so area filters match what it overlaps there too.
    /// </summary>
    public static Geometry Circle(GeoCircle circle)
    {
        var latitude = circle.Center.Latitude * Math.PI / 180;
        var longitude = circle.Center.Longitude * Math.PI / 180;
        var angular = Math.Min(Math.Max(circle.RadiusKm, 0.001) / EarthRadiusKm, Math.PI);
        var ring = new List<Coordinate>(CircleVertices + 3);
        for (var i = 0; i <= CircleVertices; i++)
        {
            var bearing = 2 * Math.PI * (i % CircleVertices) / CircleVertices;
            var lat = Math.Asin(Math.Clamp((Math.Sin(latitude) * Math.Cos(angular)) + (Math.Cos(latitude) * Math.Sin(angular) * Math.Cos(bearing)), -1, 1));
            var lon = longitude + Math.Atan2(Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(latitude), Math.Cos(angular) - (Math.Sin(latitude) * Math.Sin(lat)));
            var degrees = lon * 180 / Math.PI;
            // Unwrapped: each vertex within half a turn of the one before, so the ring never jumps across the map.
            if (ring.Count > 0)
            {
                degrees += 360 * Math.Round((ring[^1].X - degrees) / 360);
            }

            ring.Add(new Coordinate(degrees, lat * 180 / Math.PI));
        }

        var turn = ring[^1].X - ring[0].X;
        var poleDistance = (Math.PI / 2) - Math.Abs(latitude);
        if (angular >= poleDistance && Math.Abs(turn) <= 180)
        {
            // Centred on (or within a rounding error of) a pole: every vertex has one latitude; the cap is a band.
            var edge = ring.Min(c => Math.Abs(c.Y));
            return circle.Center.Latitude >= 0 ? Box(-180, edge, 180, 90) : Box(-180, -90, 180, -edge);
        }

        if (Math.Abs(turn) > 180)
        {
            // The ring went once around a pole: close it along that pole.
            var pole = circle.Center.Latitude >= 0 ? 90 : -90;
            ring.Add(new Coordinate(ring[^1].X, pole));
            ring.Add(new Coordinate(ring[0].X, pole));
            ring.Add(ring[0].Copy());
        }
        else
        {
            ring[^1] = ring[0].Copy();
        }

        return IntoWorld(Factory.CreatePolygon([.. ring]));
    }

    /// <summary>A polygon drawn with longitudes beyond ±180 as the pieces of it that fall on the map.</summary>
    private static Geometry IntoWorld(Polygon polygon)
    {
        var envelope = polygon.EnvelopeInternal;
        if (envelope.MinX >= -180 && envelope.MaxX <= 180)
        {
            return polygon;
        }

        var world = Box(-180, -90, 180, 90);
        var pieces = new List<Geometry>();
        for (var shift = -720; shift <= 720; shift += 360)
        {
            var moved = (Polygon)polygon.Copy();
            moved.Apply(new ShiftLongitude(shift));
            moved.GeometryChanged();
            var piece = moved.Intersection(world);
            if (!piece.IsEmpty)
            {
                pieces.Add(piece);
            }
        }

        return pieces.Count == 1 ? pieces[0] : Factory.BuildGeometry(pieces).Union();
    }

    private sealed class ShiftLongitude(double shift) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) + shift);
    }

    /// <summary>A GeoJSON geometry of an entity (a hazard's point, line or polygon's outer ring) for area filters.</summary>
    public static Geometry? FromGeometry(GeoGeometry? geometry) => geometry switch
    {
        PointGeometry point => Factory.CreatePoint(new Coordinate(point.Coordinates.Longitude, point.Coordinates.Latitude)),
        LineGeometry { Coordinates.Count: >= 2 } line => Factory.CreateLineString([.. line.Coordinates.Select(p => new Coordinate(p.Longitude, p.Latitude))]),
        PolygonGeometry { Polygon.OuterRing.Count: >= 4 } polygon => Polygon([.. polygon.Polygon.OuterRing.Select(q => new GeoPointLike(q.Longitude, q.Latitude))]),
        _ => null,
    };

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
