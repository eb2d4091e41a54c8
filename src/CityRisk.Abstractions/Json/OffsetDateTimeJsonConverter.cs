using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityRisk.Json;

/// <summary>
/// ISO 8601 date-times that must carry an offset and keep it: <c>2026-11-23T10:00:00+08:00</c>.
/// A date-time without an offset is refused rather than read in the machine's local zone.
/// </summary>
internal sealed class OffsetDateTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A date-time must be a string such as \"2026-11-23T10:00:00+08:00\".");
        }

        // The reader's own ISO 8601 parser is fast but would read "2026-11-23T10:00:00" in the local zone,
        // so the offset ("Z" or "+hh:mm") is checked on the raw text first.
        if (!TryRead(ref reader, out var value))
        {
            var text = reader.GetString();
            throw new JsonException($"'{text}' is not an ISO 8601 date-time with an offset, such as \"2026-11-23T10:00:00+08:00\".");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        // ISO 8601 with the original offset; fractions of a second only when there are any.
        writer.WriteStringValue(value);

    /// <summary>Reads an ISO 8601 date-time with an explicit offset from a string token; false for anything else.</summary>
    internal static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out value);
        }

        // Escaped ("+08:00" is "\u002B08:00" from System.Text.Json's default encoder) or split across buffers: the
        // offset is checked on the unescaped text, which the reader's parser also reads.
        return HasOffset(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!)) && reader.TryGetDateTimeOffset(out value);
    }

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        // yyyy-MM-ddTHH:mm:ss is 19 characters; the offset follows any fraction.
        if (text.Length < 20 || text[10] != (byte)'T')
        {
            return false;
        }

        if (text[^1] == (byte)'Z')
        {
            return true;
        }

        return text.Length >= 25 && text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':';
    }
}
