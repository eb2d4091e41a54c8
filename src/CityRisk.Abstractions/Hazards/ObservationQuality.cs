namespace CityRisk.Hazards;

/// <summary>What the sensor or its platform says about a reading's trustworthiness.</summary>
public enum ObservationQuality
{
    /// <summary>A normal reading: evaluated.</summary>
    Good = 1,

    /// <summary>Possibly wrong (a drifting sensor, an out-of-calibration flag): stored and evaluated; warnings it raises say so.</summary>
    Suspect = 2,

    /// <summary>Known wrong (a sensor fault): stored for the record, never evaluated.</summary>
    Bad = 3,
}
