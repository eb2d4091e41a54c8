using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace CityRisk.Json;

/// <summary>A duration as ISO 8601 (<c>PT10M</c>, <c>PT0S</c>, <c>P1DT2H</c>), the way every language can read it; never negative.</summary>
internal sealed class IsoDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        try
        {
            var value = text is null || (text.Length > 0 && text[0] == '-') ? throw new FormatException() : XmlConvert.ToTimeSpan(text);
            return value;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new JsonException($"Expected an ISO 8601 duration such as \"PT10M\" (10 minutes) or \"PT0S\"; got {(text is null ? "a " + reader.TokenType.ToString().ToLowerInvariant() : $"\"{text}\"")}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(XmlConvert.ToString(value));
}
