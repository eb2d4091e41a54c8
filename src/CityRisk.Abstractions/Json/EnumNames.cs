using System.Text;

namespace CityRisk.Json;

/// <summary>An enum's member names as UTF-8, matched exactly (case-sensitive, as the JSON Schema's enums are).</summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (byte[] Name, TEnum Value)[] Names =
        [.. Enum.GetValues<TEnum>().Select(value => (Encoding.UTF8.GetBytes(value.ToString()), value))];

    /// <summary>The names for a message: <c>Actual, Exercise, System</c>.</summary>
    public static string List { get; } = string.Join(", ", Enum.GetNames<TEnum>());

    /// <summary>The names quoted, for a message about JSON: <c>"Above", "Below"</c>.</summary>
    public static string Quoted { get; } = string.Join(", ", Enum.GetNames<TEnum>().Select(n => $"\"{n}\""));

    public static bool TryParse(ReadOnlySpan<byte> utf8Name, out TEnum value)
    {
        foreach (var (name, candidate) in Names)
        {
            if (utf8Name.SequenceEqual(name))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
