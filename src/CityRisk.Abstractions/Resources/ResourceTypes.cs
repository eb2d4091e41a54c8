namespace CityRisk.Resources;

/// <summary>
/// The code list of resource types (docs/resources.md, "Resource types"): what partners pool across regions. A
/// partner needing another type uses its own namespace, <c>namespace:code</c> (<c>macau:amphibious-vehicle</c>),
/// both parts lower-case letters, digits and hyphens; the list grows by adding codes, never by changing one.
/// </summary>
public static class ResourceTypes
{
    /// <summary>A rescue team (fire and rescue, mountain, water rescue); counted in teams.</summary>
    public const string RescueTeam = "rescue-team";

    /// <summary>A rescue boat (rubber or assault boat).</summary>
    public const string Boat = "boat";

    /// <summary>A mobile drainage pump or pump truck.</summary>
    public const string DrainagePump = "drainage-pump";

    /// <summary>A mobile generator or power supply vehicle.</summary>
    public const string Generator = "generator";

    /// <summary>A fire engine.</summary>
    public const string FireEngine = "fire-engine";

    /// <summary>A medical team.</summary>
    public const string MedicalTeam = "medical-team";

    /// <summary>An ambulance.</summary>
    public const string Ambulance = "ambulance";

    /// <summary>An emergency shelter; its quantity is places (people it takes).</summary>
    public const string Shelter = "shelter";

    /// <summary>Relief supplies (tents, quilts, food, water) in the unit the owner states.</summary>
    public const string Supplies = "supplies";

    /// <summary>An expert (structural engineer, hazardous chemicals, geology).</summary>
    public const string Expert = "expert";

    /// <summary>Heavy machinery: an excavator, a crane, a loader.</summary>
    public const string HeavyMachinery = "heavy-machinery";

    /// <summary>A helicopter or fixed-wing aircraft.</summary>
    public const string Aircraft = "aircraft";

    /// <summary>A drone with its crew.</summary>
    public const string Drone = "drone";

    /// <summary>A communications vehicle or emergency communications kit.</summary>
    public const string Communications = "communications";

    /// <summary>Every code of the list, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RescueTeam, Boat, DrainagePump, Generator, FireEngine, MedicalTeam, Ambulance, Shelter, Supplies, Expert,
        HeavyMachinery, Aircraft, Drone, Communications,
    ];

    /// <summary>Whether a type is one of the list or a well-formed <c>namespace:code</c>.</summary>
    /// <param name="type">The type.</param>
    public static bool IsValid(string? type) =>
        !string.IsNullOrEmpty(type) && (All.Contains(type) || CodeTokens.IsNamespaced(type.AsSpan()));
}
