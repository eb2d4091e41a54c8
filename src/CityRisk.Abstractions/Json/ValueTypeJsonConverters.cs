using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityRisk.Json;

/// <summary>A <see cref="PartyId"/> as its text.</summary>
internal sealed class PartyIdJsonConverter : JsonConverter<PartyId>
{
    public override PartyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && PartyId.TryParse(reader.GetString(), out var id)
            ? id
            : throw new JsonException("A partner id is a string of 2 to 63 lowercase letters, digits and hyphens.");

    public override void Write(Utf8JsonWriter writer, PartyId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

/// <summary>A <see cref="Jurisdiction"/> as its six-digit code.</summary>
internal sealed class JurisdictionJsonConverter : JsonConverter<Jurisdiction>
{
    public override Jurisdiction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Jurisdiction.TryParse(reader.GetString(), out var jurisdiction)
            ? jurisdiction
            : throw new JsonException("A jurisdiction is a six-digit GB/T 2260 code string such as \"440600\".");

    public override void Write(Utf8JsonWriter writer, Jurisdiction value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}

/// <summary>A <see cref="LocalizedText"/> as an object keyed by language tag.</summary>
internal sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        const string Expected = "A localized text is an object of language tags and strings, such as {\"zh-Hans\": \"...\", \"en\": \"...\"}.";
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException(Expected);
        }

        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var language = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException(Expected);
            }

            entries.Add(new(language, reader.GetString()!));
        }

        try
        {
            return new LocalizedText(entries);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value.Entries)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }
}
