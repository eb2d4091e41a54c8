using System.Text.Json;
using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Json;

/// <summary>A <see cref="GeoPoint"/> as a GeoJSON position: <c>[longitude, latitude]</c>.</summary>
internal sealed class GeoPointJsonConverter : JsonConverter<GeoPoint>
{
    public override GeoPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPosition(ref reader);

    public override void Write(Utf8JsonWriter writer, GeoPoint value, JsonSerializerOptions options) => WritePosition(writer, value);

    internal static GeoPoint ReadPosition(ref Utf8JsonReader reader)
    {
        const string Expected = "A position is a GeoJSON array [longitude, latitude] of two numbers.";
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException(Expected);
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException(Expected);
        }

        var longitude = reader.GetDouble();
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException(Expected);
        }

        var latitude = reader.GetDouble();
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException(Expected + " Altitudes are not part of a CityRisk position.");
        }

        return new GeoPoint(longitude, latitude);
    }

    internal static void WritePosition(Utf8JsonWriter writer, GeoPoint value)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Longitude);
        writer.WriteNumberValue(value.Latitude);
        writer.WriteEndArray();
    }
}
