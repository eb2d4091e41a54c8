namespace CityRisk.Storage;

/// <summary>What happened to an append.</summary>
public enum AppendOutcome
{
    /// <summary>Stored at a new cursor.</summary>
    Appended,

    /// <summary>The same (sender, id) with the same content was already stored: its cursor is given, nothing was written.</summary>
    Duplicate,

    /// <summary>The same (sender, id) was stored with different content (ALREADY_EXISTS); nothing was written.</summary>
    Conflict,

    /// <summary>The entity revision is not the current one plus one (FAILED_PRECONDITION); nothing was written.</summary>
    RevisionConflict,
}
