namespace CityRisk.Server.Storage;

/// <summary>What happened to an append.</summary>
internal enum AppendOutcome
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

/// <summary>The outcome of an append, with the cursor (new or existing) or the entity's current revision.</summary>
internal readonly record struct AppendResult(AppendOutcome Outcome, long Cursor, long CurrentRevision = 0)
{
    public static AppendResult Appended(long cursor) => new(AppendOutcome.Appended, cursor);

    public static AppendResult Duplicate(long cursor) => new(AppendOutcome.Duplicate, cursor);

    public static AppendResult Conflict(long cursor) => new(AppendOutcome.Conflict, cursor);

    public static AppendResult RevisionConflict(long currentRevision) => new(AppendOutcome.RevisionConflict, 0, currentRevision);
}
