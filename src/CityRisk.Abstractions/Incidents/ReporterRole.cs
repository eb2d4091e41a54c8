namespace CityRisk.Incidents;

/// <summary>Who first reported an incident to the reporting partner.</summary>
public enum ReporterRole
{
    /// <summary>A grid worker on patrol.</summary>
    GridWorker = 1,

    /// <summary>A citizen, through a hotline (12345) or an app.</summary>
    CitizenHotline = 2,

    /// <summary>A sensor or a monitoring platform (a hazard's warning, a camera's analytics).</summary>
    Sensor = 3,

    /// <summary>A government department or an enterprise's safety officer.</summary>
    Department = 4,
}
