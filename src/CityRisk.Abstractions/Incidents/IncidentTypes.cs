namespace CityRisk.Incidents;

/// <summary>
/// The code list of incident types (docs/incidents.md, "Event types"), following GB/T 35561's four categories and
/// their sub-types: <c>&lt;category&gt;/&lt;sub-type&gt;</c> (<c>accident/drainage-facility</c>). A partner needing another
/// sub-type keeps the category and uses its own namespace, <c>accident/kaifeng:manhole-cover</c>, so every type
/// still counts under one of the four categories. The list grows by adding codes, never by changing one.
/// </summary>
public static class IncidentTypes
{
    /// <summary>Category: natural disasters (自然灾害).</summary>
    public const string NaturalDisaster = "natural-disaster";

    /// <summary>Category: accidents and disasters (事故灾难).</summary>
    public const string Accident = "accident";

    /// <summary>Category: public health events (公共卫生事件).</summary>
    public const string PublicHealth = "public-health";

    /// <summary>Category: social safety events (社会安全事件).</summary>
    public const string SocialSafety = "social-safety";

    /// <summary>The four categories.</summary>
    public static IReadOnlyList<string> Categories { get; } = [NaturalDisaster, Accident, PublicHealth, SocialSafety];

    /// <summary>Every code of the list, by category.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "natural-disaster/flood", "natural-disaster/drought", "natural-disaster/typhoon", "natural-disaster/rainstorm-waterlogging",
        "natural-disaster/meteorological", "natural-disaster/earthquake", "natural-disaster/geological", "natural-disaster/marine",
        "natural-disaster/biological", "natural-disaster/forest-fire",
        "accident/workplace", "accident/hazardous-chemical", "accident/fire", "accident/traffic", "accident/gas",
        "accident/water-supply", "accident/drainage-facility", "accident/power-supply", "accident/heating", "accident/bridge-tunnel",
        "accident/building-collapse", "accident/special-equipment", "accident/nuclear-radiation", "accident/environmental",
        "public-health/infectious-disease", "public-health/food-safety", "public-health/occupational-poisoning", "public-health/animal-epidemic",
        "social-safety/mass-incident", "social-safety/terrorism", "social-safety/criminal", "social-safety/economic-security",
        "social-safety/cyber-security", "social-safety/foreign-related",
    ];

    /// <summary>Whether a type is one of the list or a category with a well-formed <c>namespace:code</c> sub-type.</summary>
    /// <param name="type">The type.</param>
    public static bool IsValid(string? type)
    {
        if (string.IsNullOrEmpty(type) || CategoryOf(type) is null)
        {
            return false;
        }

        if (All.Contains(type))
        {
            return true;
        }

        return CodeTokens.IsNamespaced(type.AsSpan(type!.IndexOf('/') + 1));
    }

    /// <summary>The category a type counts under (the part before <c>/</c>), or null when it names none of the four.</summary>
    /// <param name="type">The type.</param>
    public static string? CategoryOf(string? type)
    {
        var slash = type?.IndexOf('/') ?? -1;
        return slash > 0 && Categories.FirstOrDefault(c => c.Length == slash && type!.StartsWith(c, StringComparison.Ordinal)) is { } category ? category : null;
    }
}
