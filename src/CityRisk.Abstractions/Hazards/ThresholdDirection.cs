namespace CityRisk.Hazards;

/// <summary>Which way an indicator is dangerous: a gas concentration rises, a water-main pressure falls.</summary>
public enum ThresholdDirection
{
    /// <summary>A reading at or above a threshold crosses it (strain, gas concentration, water level).</summary>
    Above,

    /// <summary>A reading at or below a threshold crosses it (pipeline pressure, slope stability factor).</summary>
    Below,
}
