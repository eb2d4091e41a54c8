using System.Text.Json;
using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Json;

/// <summary>
/// GeoJSON geometries (RFC 7946) of the three types CityRisk uses: <c>{"type": "Point", "coordinates": [lon, lat]}</c>,
/// <c>LineString</c> and <c>Polygon</c>. Members in any order; any other member, type or shape is refused.
/// </summary>
internal sealed class GeoGeometryJsonConverter : JsonConverter<GeoGeometry>
{
    /// <summary>What a geometry is, for a message.</summary>
    internal const string Expected = "a GeoJSON geometry {\"type\": \"Point\" | \"LineString\" | \"Polygon\", \"coordinates\": [...]}, positions as [longitude, latitude]";

    public override GeoGeometry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected {Expected}.");
        }

        string? type = null;
        JsonElement? coordinates = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type" when type is null && reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    break;
                case "coordinates" when coordinates is null:
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        coordinates = document.RootElement.Clone();
                    }

                    break;
                case "type" or "coordinates":
                    throw new JsonException($"The geometry's \"{name}\" appears twice or has the wrong type; expected {Expected}.");
                default:
                    throw new JsonException($"The geometry has a member \"{name}\" that CityRisk geometries do not have; expected {Expected}.");
            }
        }

        if (coordinates is not { } c)
        {
            throw new JsonException($"The geometry has no \"coordinates\"; expected {Expected}.");
        }

        return type switch
        {
            "Point" => new PointGeometry(Position(c)),
            "LineString" => new LineGeometry(Positions(c)),
            "Polygon" => new PolygonGeometry(new GeoPolygon(c.ValueKind == JsonValueKind.Array ? [.. c.EnumerateArray().Select(Positions)] : throw Shape("Polygon"))),
            null => throw new JsonException($"The geometry has no \"type\"; expected {Expected}."),
            _ => throw new JsonException($"Geometry type \"{type}\" is not one CityRisk uses; expected Point, LineString or Polygon."),
        };
    }

    public override void Write(Utf8JsonWriter writer, GeoGeometry value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case PointGeometry point:
                writer.WriteString("type", "Point");
                writer.WritePropertyName("coordinates");
                Write(writer, point.Coordinates);
                break;
            case LineGeometry line:
                writer.WriteString("type", "LineString");
                writer.WritePropertyName("coordinates");
                Write(writer, line.Coordinates);
                break;
            case PolygonGeometry polygon:
                writer.WriteString("type", "Polygon");
                writer.WriteStartArray("coordinates");
                foreach (var ring in polygon.Polygon.Rings)
                {
                    Write(writer, ring);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new JsonException($"{value.GetType().Name} is not a CityRisk geometry.");
        }

        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, IEnumerable<GeoPoint> points)
    {
        writer.WriteStartArray();
        foreach (var point in points)
        {
            Write(writer, point);
        }

        writer.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter writer, GeoPoint point)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(point.Longitude);
        writer.WriteNumberValue(point.Latitude);
        writer.WriteEndArray();
    }

    private static List<GeoPoint> Positions(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(Position)] : throw Shape("array of positions");

    private static GeoPoint Position(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2
            || !element[0].TryGetDouble(out var longitude) || !element[1].TryGetDouble(out var latitude)
            || !double.IsFinite(longitude) || !double.IsFinite(latitude))
        {
            throw Shape("position");
        }

        return new GeoPoint(longitude, latitude);
    }

    /// <summary>Why coordinates of the wrong shape are refused, for a message.</summary>
    internal static string ShapeMessage(string what) =>
        $"A {what} is not the right shape: a position is [longitude, latitude], two finite numbers (no altitude); a LineString's coordinates are positions, a Polygon's are rings of positions.";

    private static JsonException Shape(string what) => new(ShapeMessage(what));
}
