namespace CityRisk.Hazards;

/// <summary>What the sensor or its platform says about a reading's trustworthiness; Good when not stated.</summary>
public enum ObservationQuality
{
    /// <summary>A normal reading: evaluated.</summary>
    Good = 0,

    /// <summary>Possibly wrong (a drifting sensor, an out-of-calibration flag): stored and evaluated; warnings it raises say so.</summary>
    Suspect = 1,

    /// <summary>Known wrong (a sensor fault): stored for the record, never evaluated.</summary>
    Bad = 2,
}
