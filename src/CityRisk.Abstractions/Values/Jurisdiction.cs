using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk;

/// <summary>
/// An administrative division by its six-digit GB/T 2260 code: <c>440600</c> Foshan, <c>440300</c> Shenzhen,
/// <c>810000</c> Hong Kong, <c>820000</c> Macau. In CAP it travels as a geocode with valueName <c>GB/T 2260</c>.
/// </summary>
/// <remarks>
/// Validation checks the form of the code and its province-level prefix; it does not hold the full national table,
/// so a well-formed code for a division that does not exist is accepted.
/// </remarks>
[JsonConverter(typeof(JurisdictionJsonConverter))]
public readonly record struct Jurisdiction
{
    /// <summary>The CAP geocode valueName for GB/T 2260 codes.</summary>
    public const string GeocodeValueName = "GB/T 2260";

    // Province-level prefixes of GB/T 2260, Hong Kong (81), Macau (82) and Taiwan (71) included.
    private static readonly FrozenSet<int> ProvincePrefixes = new[]
    {
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    }.ToFrozenSet();

    private static readonly FrozenDictionary<string, string> KnownNames = new Dictionary<string, string>
    {
        ["310000"] = "Shanghai",
        ["310115"] = "Shanghai Pudong New Area",
        ["340000"] = "Anhui",
        ["340100"] = "Hefei",
        ["410000"] = "Henan",
        ["410200"] = "Kaifeng",
        ["440000"] = "Guangdong",
        ["440100"] = "Guangzhou",
        ["440300"] = "Shenzhen",
        ["440600"] = "Foshan",
        ["440700"] = "Jiangmen",
        ["441200"] = "Zhaoqing",
        ["441300"] = "Huizhou",
        ["441800"] = "Qingyuan",
        ["441900"] = "Dongguan",
        ["445300"] = "Yunfu",
        ["810000"] = "Hong Kong",
        ["820000"] = "Macau",
    }.ToFrozenDictionary();

    private readonly string? _code;

    private Jurisdiction(string code) => _code = code;

    /// <summary>The six-digit code.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>The code of the province-level division that contains this one (<c>440000</c> for <c>440600</c>); default for a default value.</summary>
    public Jurisdiction Province => Code.Length == 6 ? new($"{Code[..2]}0000") : default;

    /// <summary>
    /// The code prefix this division's sub-divisions share: a province-level division (<c>440000</c>) its first two
    /// digits, a prefecture-level one (<c>440600</c>) four, a county or district (<c>440605</c>) all six; empty for a
    /// default value. A code lies within this division when it starts with the prefix.
    /// </summary>
    public string Prefix => Code.Length != 6 ? Code
        : Code.EndsWith("0000", StringComparison.Ordinal) ? Code[..2]
        : Code.EndsWith("00", StringComparison.Ordinal) ? Code[..4]
        : Code;

    /// <summary>Whether this is a province-level division (a province, municipality, region or SAR).</summary>
    public bool IsProvinceLevel => Code.EndsWith("0000", StringComparison.Ordinal);

    /// <summary>The English name for the divisions the standard's documentation uses, or <see langword="null"/>.</summary>
    public string? Name => KnownNames.GetValueOrDefault(Code);

    /// <summary>Whether this division is <paramref name="other"/> or lies within it (by code prefix).</summary>
    /// <param name="other">The possibly containing division.</param>
    /// <returns><see langword="true"/> when this division equals or is inside <paramref name="other"/>.</returns>
    public bool IsWithin(Jurisdiction other) => Code.StartsWith(other.Prefix, StringComparison.Ordinal);

    /// <summary>Parses a GB/T 2260 code.</summary>
    /// <param name="code">The text.</param>
    /// <returns>The jurisdiction.</returns>
    /// <exception cref="FormatException">The text is not a six-digit code with a known province prefix.</exception>
    public static Jurisdiction Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryParse(code, out var jurisdiction)
            ? jurisdiction
            : throw new FormatException($"'{code}' is not a GB/T 2260 administrative division code: use six digits starting with a province-level prefix (44 Guangdong, 81 Hong Kong, 82 Macau ...).");
    }

    /// <summary>Parses a GB/T 2260 code without throwing.</summary>
    /// <param name="code">The text.</param>
    /// <param name="jurisdiction">The jurisdiction, when the text is valid.</param>
    /// <returns>Whether the text is a six-digit code with a known province prefix.</returns>
    public static bool TryParse([NotNullWhen(true)] string? code, out Jurisdiction jurisdiction)
    {
        jurisdiction = default;
        if (code is null || code.Length != 6)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!ProvincePrefixes.Contains(((code[0] - '0') * 10) + (code[1] - '0')))
        {
            return false;
        }

        jurisdiction = new Jurisdiction(code);
        return true;
    }

    /// <summary>The geocode that carries this jurisdiction in a CAP area.</summary>
    /// <returns>A geocode with valueName <see cref="GeocodeValueName"/>.</returns>
    public NamedValue ToGeocode() => new(GeocodeValueName, Code);

    /// <inheritdoc/>
    public override string ToString() => Name is null ? Code : $"{Code} ({Name})";
}
