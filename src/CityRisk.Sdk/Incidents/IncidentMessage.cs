namespace CityRisk.Incidents;

/// <summary>An incident's revision as a hub holds it: the incident, where it is in the log, and who may see it.</summary>
public sealed class IncidentMessage
{
    internal IncidentMessage(long cursor, Incident incident, IReadOnlyList<string> restrictionRoles, IReadOnlyList<string> recipients)
    {
        Cursor = cursor;
        Incident = incident;
        RestrictionRoles = restrictionRoles;
        Recipients = recipients;
    }

    /// <summary>The revision's position in the hub's log; give it back to resume a subscription after it.</summary>
    public long Cursor { get; }

    /// <summary>The incident, at this revision.</summary>
    public Incident Incident { get; }

    /// <summary>For a Restricted incident, the roles and partner references that may see it (the owner and assignee included).</summary>
    public IReadOnlyList<string> RestrictionRoles { get; }

    /// <summary>For a Private incident, the partner ids that may see it (the owner and assignee included).</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <inheritdoc/>
    public override string ToString() => $"incident {Incident.Owner}/{Incident.Id} revision {Incident.Revision} ({Incident.State}) at cursor {Cursor}";
}
