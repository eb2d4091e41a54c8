using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk;

/// <summary>
/// The id of a partner registered with an exchange, such as <c>foshan-em</c> or <c>pingan-insurance</c>:
/// 2 to 63 lowercase letters, digits and hyphens, starting with a letter or digit.
/// </summary>
[JsonConverter(typeof(PartyIdJsonConverter))]
public readonly record struct PartyId
{
    private readonly string? _value;

    private PartyId(string value) => _value = value;

    /// <summary>The id as text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses a partner id.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException">The text is not a valid partner id.</exception>
    public static PartyId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id)
            ? id
            : throw new FormatException($"'{value}' is not a partner id: use 2 to 63 lowercase letters, digits and hyphens, starting with a letter or digit.");
    }

    /// <summary>Parses a partner id without throwing.</summary>
    /// <param name="value">The text.</param>
    /// <param name="id">The id, when the text is valid.</param>
    /// <returns>Whether the text is a valid partner id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out PartyId id)
    {
        id = default;
        if (value is null || value.Length is < 2 or > 63 || value[0] == '-')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        id = new PartyId(value);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
