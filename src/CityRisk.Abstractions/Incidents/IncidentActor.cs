namespace CityRisk.Incidents;

/// <summary>The parties that may move an incident (docs/incidents.md, "Who may move it"); a transition names any of them.</summary>
[Flags]
public enum IncidentActors
{
    /// <summary>Nobody.</summary>
    None = 0,

    /// <summary>The reporting partner: the incident's owner.</summary>
    Reporter = 1,

    /// <summary>The partner the incident is assigned to (<see cref="Incident.AssignedTo"/> of the revision before).</summary>
    Assignee = 2,

    /// <summary>A partner the hub registers as responsible for a GB/T 2260 division that contains the incident's jurisdiction.</summary>
    Jurisdiction = 4,
}
