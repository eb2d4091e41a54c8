namespace CityRisk.Enterprises;

/// <summary>Whether a grant stands (docs/insurers.md, "Access"); an Active grant covers reads only within its validity.</summary>
public enum GrantState
{
    /// <summary>It stands: within its validity the insurer reads what it covers.</summary>
    Active = 1,

    /// <summary>The regulator took it back (final): from the revision that revoked it, what it covered does not exist for the insurer.</summary>
    Revoked = 2,
}
