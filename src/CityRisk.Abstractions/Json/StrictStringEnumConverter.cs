using System.Text.Json.Serialization;

namespace CityRisk.Json;

/// <summary>Enums as their names only: <c>"Actual"</c>, never <c>0</c>, so a JSON document cannot smuggle in an undefined value.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal sealed class StrictStringEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public StrictStringEnumConverter()
        : base(namingPolicy: null, allowIntegerValues: false)
    {
    }
}
