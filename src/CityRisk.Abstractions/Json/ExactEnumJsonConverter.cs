using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityRisk.Json;

/// <summary>
/// An enum as its exact name (<c>"Above"</c>): not a number, not another case. The serializer's own string-enum
/// converter reads names case-insensitively; the contract (and the JSON Schema every partner validates with) does not.
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal sealed class ExactEnumJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            && EnumNames<TEnum>.TryParse(reader.ValueIsEscaped || reader.HasValueSequence ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan, out var value)
            ? value
            : throw new JsonException($"Expected one of {EnumNames<TEnum>.Quoted}, exactly, as a string.");

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
