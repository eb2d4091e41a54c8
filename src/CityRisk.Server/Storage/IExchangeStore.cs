namespace CityRisk.Server.Storage;

/// <summary>
/// The hub's durable log: an append-only sequence of messages with monotonically increasing cursors, the
/// idempotency index on (sender, id) with content hashes, and entity revisions with optimistic concurrency.
/// Generic over kinds: validation and state machines happen before the append.
/// </summary>
/// <remarks>Implementations are thread-safe; appends are atomic (all checks and the write, or nothing).</remarks>
internal interface IExchangeStore : IAsyncDisposable
{
    /// <summary>Appends a message unless it is a duplicate, conflicts with a stored one, or breaks the entity's revision order.</summary>
    Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a message as superseded by a later one (an alert Update or Cancel), unless it already is; returns
    /// whether a message was marked. Nothing else about a stored message ever changes.
    /// </summary>
    Task<bool> MarkSupersededAsync(string sender, string id, long supersededBy, CancellationToken cancellationToken);

    /// <summary>A message by (sender, id), or null.</summary>
    Task<StoredMessage?> GetMessageAsync(string sender, string id, CancellationToken cancellationToken);

    /// <summary>The message that made an entity's latest revision, or null.</summary>
    Task<StoredMessage?> GetLatestRevisionAsync(string kind, string owner, string entityId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages after a cursor, in cursor order.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadAfterAsync(long afterCursor, int limit, CancellationToken cancellationToken);

    /// <summary>The highest cursor assigned so far; 0 for an empty log.</summary>
    Task<long> GetLastCursorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes messages stored before <paramref name="cutoff"/> (the retention setting). Entity revision counters
    /// and the cursor sequence survive, so revisions and cursors never go back; a pruned (sender, id) may be
    /// published again.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Whether the store can serve; a description of what is wrong when it cannot.</summary>
    Task<(bool Healthy, string Description)> CheckHealthAsync(CancellationToken cancellationToken);
}
