namespace CityRisk.Alerts;

/// <summary>The intensity of impact (CAP <c>severity</c>); greater values are more severe.</summary>
public enum AlertSeverity
{
    /// <summary>Severity unknown.</summary>
    Unknown = 0,

    /// <summary>Minimal to no known threat to life or property.</summary>
    Minor = 1,

    /// <summary>Possible threat to life or property.</summary>
    Moderate = 2,

    /// <summary>Significant threat to life or property.</summary>
    Severe = 3,

    /// <summary>Extraordinary threat to life or property.</summary>
    Extreme = 4,
}
