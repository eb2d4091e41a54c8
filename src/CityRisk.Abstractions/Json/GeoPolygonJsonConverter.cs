using System.Text.Json;
using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Json;

/// <summary>A <see cref="GeoPolygon"/> as GeoJSON polygon coordinates: <c>[[[lon, lat], ...], ...]</c>.</summary>
internal sealed class GeoPolygonJsonConverter : JsonConverter<GeoPolygon>
{
    private const string Expected = "A polygon is an array of rings, each an array of [longitude, latitude] positions.";

    public override GeoPolygon Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException(Expected);
        }

        var rings = new List<IReadOnlyList<GeoPoint>>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException(Expected);
            }

            var ring = new List<GeoPoint>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ring.Add(GeoPointJsonConverter.ReadPosition(ref reader));
            }

            rings.Add(ring);
        }

        return new GeoPolygon(rings);
    }

    public override void Write(Utf8JsonWriter writer, GeoPolygon value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var ring in value.Rings)
        {
            writer.WriteStartArray();
            foreach (var point in ring)
            {
                GeoPointJsonConverter.WritePosition(writer, point);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
