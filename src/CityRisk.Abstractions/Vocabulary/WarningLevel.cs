namespace CityRisk;

/// <summary>
/// China's four-colour warning level, from Blue (IV, lowest) to Red (I, highest).
/// A monitored indicator with no threshold crossed is normal and carries no level.
/// </summary>
/// <remarks>The numeric order follows the seriousness, so levels compare with <c>&lt;</c> and <c>&gt;</c>.</remarks>
public enum WarningLevel
{
    /// <summary>Blue, level IV: the lowest warning.</summary>
    Blue = 1,

    /// <summary>Yellow, level III.</summary>
    Yellow = 2,

    /// <summary>Orange, level II.</summary>
    Orange = 3,

    /// <summary>Red, level I: the highest warning.</summary>
    Red = 4,
}
