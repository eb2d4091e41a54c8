using System.Text.Json;
using CityRisk.Geo;

namespace CityRisk.Json;

/// <summary>GeoJSON positions and geometries, read by hand to the same rules as <see cref="GeoGeometryJsonConverter"/>.</summary>
internal ref partial struct StrictJsonReader
{
    /// <summary>
    /// A GeoJSON geometry of a type CityRisk uses (Point, LineString, Polygon), its members in any order. The
    /// coordinates may come before the type, so their nesting is read first and matched to the type after.
    /// </summary>
    private GeoGeometry ReadGeometry()
    {
        ExpectObject($"Expected {GeoGeometryJsonConverter.Expected}.");
        string? type = null;
        object? coordinates = null;
        var members = new MemberSet();
        while (NextMember())
        {
            var member = _reader.ValueTextEquals("type"u8) ? 0 : _reader.ValueTextEquals("coordinates"u8) ? 1 : -1;
            EnterMember(ref members, member);
            if (member == 0)
            {
                type = _reader.TokenType == JsonTokenType.String
                    ? _reader.GetString()
                    : throw Invalid($"The geometry's \"type\" is a string; expected {GeoGeometryJsonConverter.Expected}.");
            }
            else
            {
                coordinates = ReadCoordinates();
            }

            _path.Pop();
        }

        if (coordinates is null)
        {
            throw Invalid($"The geometry has no \"coordinates\"; expected {GeoGeometryJsonConverter.Expected}.");
        }

        return type switch
        {
            "Point" => new PointGeometry(coordinates as GeoPoint? ?? throw Invalid(GeoGeometryJsonConverter.ShapeMessage("position"))),
            "LineString" => new LineGeometry(Positions(coordinates)),
            "Polygon" => new PolygonGeometry(new GeoPolygon(Rings(coordinates))),
            null => throw Invalid($"The geometry has no \"type\"; expected {GeoGeometryJsonConverter.Expected}."),
            _ => throw Invalid($"Geometry type \"{type}\" is not one CityRisk uses; expected Point, LineString or Polygon."),
        };
    }

    /// <summary>Coordinates as read: a position (<see cref="GeoPoint"/>) or a list of coordinates, nested as in the document.</summary>
    private object ReadCoordinates()
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid(GeoGeometryJsonConverter.ShapeMessage("geometry's coordinates"));
        }

        var start = _reader;
        Next();
        if (_reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.EndArray))
        {
            _reader = start;
            return ReadPosition();
        }

        var items = new List<object>();
        while (_reader.TokenType != JsonTokenType.EndArray)
        {
            _path.PushIndex(items.Count);
            items.Add(ReadCoordinates());
            _path.Pop();
            Next();
        }

        return items;
    }

    private readonly List<List<GeoPoint>> Rings(object coordinates)
    {
        if (coordinates is not List<object> items)
        {
            throw Invalid(GeoGeometryJsonConverter.ShapeMessage("Polygon"));
        }

        var rings = new List<List<GeoPoint>>(items.Count);
        foreach (var ring in items)
        {
            rings.Add(Positions(ring));
        }

        return rings;
    }

    private readonly List<GeoPoint> Positions(object coordinates) =>
        coordinates is List<object> items && items.TrueForAll(static i => i is GeoPoint)
            ? items.ConvertAll(static i => (GeoPoint)i)
            : throw Invalid(GeoGeometryJsonConverter.ShapeMessage("array of positions"));

    private GeoPoint ReadPosition()
    {
        const string Expected = "A position is a GeoJSON array [longitude, latitude] of two numbers.";
        if (_reader.TokenType != JsonTokenType.StartArray || !_reader.Read() || _reader.TokenType != JsonTokenType.Number || !_reader.TryGetDouble(out var longitude)
            || !_reader.Read() || _reader.TokenType != JsonTokenType.Number || !_reader.TryGetDouble(out var latitude))
        {
            throw Invalid(Expected);
        }

        // 1e999 overflows to infinity, which System.Text.Json for netstandard2.0 hands back as a number: not a position.
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude))
        {
            throw Invalid(Expected + " A coordinate is too large to be a number (it overflows).");
        }

        if (!_reader.Read() || _reader.TokenType != JsonTokenType.EndArray)
        {
            throw Invalid(Expected + " Altitudes are not part of a CityRisk position.");
        }

        return new GeoPoint(longitude, latitude);
    }
}
