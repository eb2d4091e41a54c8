namespace CityRisk.Hazards;

/// <summary>
/// The code list of hazard types (docs/hazards.md, "Hazard types"): what is monitored, across the four plates. A
/// partner needing another type uses its own namespace, <c>namespace:code</c> (<c>hefei:valve-chamber</c>), both
/// parts lower-case letters, digits and hyphens; the list grows by adding codes, never by changing one.
/// </summary>
public static class HazardTypes
{
    /// <summary>A gas pipeline or gas network segment.</summary>
    public const string GasPipeline = "gas-pipeline";

    /// <summary>A water main.</summary>
    public const string WaterMain = "water-main";

    /// <summary>A drainage pipe, culvert or pumping station.</summary>
    public const string Drainage = "drainage";

    /// <summary>A heating pipeline.</summary>
    public const string HeatingPipeline = "heating-pipeline";

    /// <summary>A bridge.</summary>
    public const string Bridge = "bridge";

    /// <summary>A utility tunnel (integrated pipe gallery).</summary>
    public const string UtilityTunnel = "utility-tunnel";

    /// <summary>A slope, landslide or collapse hazard point.</summary>
    public const string Slope = "slope";

    /// <summary>A high-rise building.</summary>
    public const string HighRiseBuilding = "high-rise-building";

    /// <summary>A crowded place: a station, a square, a stadium.</summary>
    public const string CrowdedPlace = "crowded-place";

    /// <summary>A hazardous-chemical enterprise or storage site.</summary>
    public const string HazardousChemicalEnterprise = "hazardous-chemical-enterprise";

    /// <summary>A tailings dam.</summary>
    public const string TailingsDam = "tailings-dam";

    /// <summary>A reservoir or dam.</summary>
    public const string Reservoir = "reservoir";

    /// <summary>A low-lying area prone to waterlogging or flooding.</summary>
    public const string FloodProneArea = "flood-prone-area";

    /// <summary>A construction site (deep excavation, high formwork, tower cranes).</summary>
    public const string ConstructionSite = "construction-site";

    /// <summary>Every code of the list, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        GasPipeline, WaterMain, Drainage, HeatingPipeline, Bridge, UtilityTunnel, Slope, HighRiseBuilding, CrowdedPlace,
        HazardousChemicalEnterprise, TailingsDam, Reservoir, FloodProneArea, ConstructionSite,
    ];

    /// <summary>Whether a type is one of the list or a well-formed <c>namespace:code</c>.</summary>
    /// <param name="type">The type.</param>
    public static bool IsValid(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return false;
        }

        if (All.Contains(type))
        {
            return true;
        }

        return CodeTokens.IsNamespaced(type.AsSpan());
    }
}
