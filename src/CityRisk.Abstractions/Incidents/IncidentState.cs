namespace CityRisk.Incidents;

/// <summary>
/// Where an incident is in its closed loop (docs/incidents.md, "Life cycle"). <see cref="IncidentLifecycle"/> says
/// which state may follow which, and who may move it.
/// </summary>
public enum IncidentState
{
    /// <summary>Reported, not yet checked: every incident's first revision.</summary>
    Reported = 1,

    /// <summary>The owning jurisdiction confirmed it is real.</summary>
    Verified = 2,

    /// <summary>The owning jurisdiction assigned a partner to handle it.</summary>
    Dispatched = 3,

    /// <summary>The assigned partner is handling it (also the state a reopened incident returns to).</summary>
    Handling = 4,

    /// <summary>The assigned partner says it is handled; the reporter or the jurisdiction checks it.</summary>
    Resolved = 5,

    /// <summary>Checked and closed (final).</summary>
    Closed = 6,

    /// <summary>Not real (final).</summary>
    Rejected = 7,

    /// <summary>A duplicate of another incident, named in <see cref="Incident.MergedInto"/> (final).</summary>
    Merged = 8,
}
