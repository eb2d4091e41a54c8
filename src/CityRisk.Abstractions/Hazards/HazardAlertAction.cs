namespace CityRisk.Hazards;

/// <summary>What a change of a hazard's status asks of its warning (a CAP alert thread).</summary>
public enum HazardAlertAction
{
    /// <summary>From normal to a level: a new warning (CAP msgType Alert).</summary>
    Alert,

    /// <summary>From one level to another: the warning changes (CAP msgType Update, referencing the thread).</summary>
    Update,

    /// <summary>Back to normal: the warning is lifted (CAP msgType Cancel, referencing the thread).</summary>
    Cancel,
}
