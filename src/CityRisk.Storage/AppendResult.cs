namespace CityRisk.Storage;

/// <summary>The outcome of an append, with the cursor (new or existing) or the entity's current revision.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Cursor">The new cursor (appended), the stored message's (duplicate, conflict); 0 for a revision conflict.</param>
/// <param name="CurrentRevision">For a revision conflict, the entity's current revision (0 when it has none).</param>
public readonly record struct AppendResult(AppendOutcome Outcome, long Cursor, long CurrentRevision = 0)
{
    /// <summary>Stored at a new cursor.</summary>
    /// <param name="cursor">The new cursor.</param>
    /// <returns>The result.</returns>
    public static AppendResult Appended(long cursor) => new(AppendOutcome.Appended, cursor);

    /// <summary>The same content was already stored under (sender, id).</summary>
    /// <param name="cursor">The stored message's cursor.</param>
    /// <returns>The result.</returns>
    public static AppendResult Duplicate(long cursor) => new(AppendOutcome.Duplicate, cursor);

    /// <summary>Other content is stored under (sender, id).</summary>
    /// <param name="cursor">The stored message's cursor.</param>
    /// <returns>The result.</returns>
    public static AppendResult Conflict(long cursor) => new(AppendOutcome.Conflict, cursor);

    /// <summary>The revision is not the entity's current one plus one.</summary>
    /// <param name="currentRevision">The entity's current revision.</param>
    /// <returns>The result.</returns>
    public static AppendResult RevisionConflict(long currentRevision) => new(AppendOutcome.RevisionConflict, 0, currentRevision);
}
