namespace CityRisk.Incidents;

/// <summary>
/// An incident's grade in China's four grades of emergencies (the Emergency Response Law; GB/T 35965.2's event
/// level): I is the most serious. The numeric value is the grade's number.
/// </summary>
public enum IncidentGrade
{
    /// <summary>Grade I, extraordinarily serious (特别重大).</summary>
    I = 1,

    /// <summary>Grade II, serious (重大).</summary>
    II = 2,

    /// <summary>Grade III, relatively serious (较大).</summary>
    III = 3,

    /// <summary>Grade IV, general (一般).</summary>
    IV = 4,
}
