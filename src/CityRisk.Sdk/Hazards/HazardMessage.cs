namespace CityRisk.Hazards;

/// <summary>A hazard's revision as a hub holds it: the hazard, where it is in the log, and who may see it.</summary>
public sealed class HazardMessage
{
    internal HazardMessage(long cursor, Hazard hazard, IReadOnlyList<string> restrictionRoles, IReadOnlyList<string> recipients)
    {
        Cursor = cursor;
        Hazard = hazard;
        RestrictionRoles = restrictionRoles;
        Recipients = recipients;
    }

    /// <summary>The revision's position in the hub's log; give it back to resume a subscription after it.</summary>
    public long Cursor { get; }

    /// <summary>The hazard, at this revision.</summary>
    public Hazard Hazard { get; }

    /// <summary>For a Restricted hazard, the roles and partner references that may see it.</summary>
    public IReadOnlyList<string> RestrictionRoles { get; }

    /// <summary>For a Private hazard, the partner ids that may see it.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <inheritdoc/>
    public override string ToString() => $"hazard {Hazard.Owner}/{Hazard.Id} revision {Hazard.Revision} at cursor {Cursor}";
}
