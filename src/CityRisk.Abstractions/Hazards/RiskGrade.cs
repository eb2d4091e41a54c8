namespace CityRisk.Hazards;

/// <summary>
/// A hazard's risk grade in China's four-colour risk grading: how bad it is if it goes wrong, independent of what
/// its sensors say now (that is its status). The numeric order follows the seriousness.
/// </summary>
public enum RiskGrade
{
    /// <summary>Low risk (blue).</summary>
    Low = 1,

    /// <summary>General risk (yellow).</summary>
    General = 2,

    /// <summary>Significant risk (orange).</summary>
    Significant = 3,

    /// <summary>Major risk (red).</summary>
    Major = 4,
}
