namespace CityRisk.Storage;

/// <summary>
/// The hub's durable log, the one seam every store implements: an append-only sequence of messages with
/// increasing cursors, the idempotency index on (sender, id) with content hashes, and entity revisions with
/// optimistic concurrency. Generic over kinds: validation, scope and state machines happen before the append, so a
/// store never parses an envelope.
/// </summary>
/// <remarks>
/// <para>Implementations are thread-safe, and each append is atomic: all its checks and the write, or nothing.
/// docs/protocol.md ("Stores") states every rule; the contract suite in CityRisk.Testing
/// (<c>ExchangeStoreContract</c>) tests them.</para>
/// <para>The hub calls <see cref="InitializeAsync"/> once when it starts, before any other method, and disposes a
/// store it opened itself; a store registered as a service is disposed by the container.</para>
/// </remarks>
public interface IExchangeStore : IAsyncDisposable
{
    /// <summary>
    /// Opens the store and brings its schema up to date (create tables, migrate). Called once before any other
    /// method; calling it again does nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>A task that completes when the store can serve.</returns>
    /// <exception cref="ExchangeStoreException">The store cannot be opened; the message says what and where.</exception>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends a message at the next cursor unless (sender, id) is already stored (a duplicate when the content hash
    /// is the same, a conflict otherwise) or, for an entity message, its revision is not the current one plus one.
    /// The store sets <see cref="StoredMessage.Cursor"/> and <see cref="StoredMessage.StoredAt"/>.
    /// </summary>
    /// <param name="message">The message; its cursor and stored-at are ignored.</param>
    /// <param name="cancellationToken">Cancels the append; a cancelled append wrote nothing.</param>
    /// <returns>The outcome, with the new or existing cursor, or the entity's current revision.</returns>
    Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a message as superseded by a later one (an alert Update or Cancel), unless it already is or the later
    /// cursor is not later. Nothing else about a stored message ever changes.
    /// </summary>
    /// <param name="sender">The message's sender.</param>
    /// <param name="id">The message's id.</param>
    /// <param name="supersededBy">The cursor of the superseding message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a message was marked.</returns>
    Task<bool> MarkSupersededAsync(string sender, string id, long supersededBy, CancellationToken cancellationToken);

    /// <summary>A message by (sender, id).</summary>
    /// <param name="sender">The sender.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message, or null when there is none (never published, or pruned).</returns>
    Task<StoredMessage?> GetMessageAsync(string sender, string id, CancellationToken cancellationToken);

    /// <summary>The message that made an entity's latest revision.</summary>
    /// <param name="kind">The entity's kind.</param>
    /// <param name="owner">The owning partner (the sender of its revisions).</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message, or null when there is no such entity or its latest revision was pruned.</returns>
    Task<StoredMessage?> GetLatestRevisionAsync(string kind, string owner, string entityId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages after a cursor, in cursor order.</summary>
    /// <param name="afterCursor">The cursor to read after; 0 for the start of the log.</param>
    /// <param name="limit">The most messages to return; positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages; fewer than the limit only at the end of the log.</returns>
    Task<IReadOnlyList<StoredMessage>> ReadAfterAsync(long afterCursor, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <see cref="StoreQuery.Limit"/> messages after a cursor that match a query's indexed conditions, in
    /// cursor order. The hub applies scope and the document filters to what this returns.
    /// </summary>
    /// <param name="query">The conditions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The matching messages; fewer than the limit only when no more match.</returns>
    Task<IReadOnlyList<StoredMessage>> QueryAsync(StoreQuery query, CancellationToken cancellationToken);

    /// <summary>The highest cursor ever assigned, pruned messages included; 0 for an empty log.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor.</returns>
    Task<long> GetLastCursorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes messages stored before <paramref name="cutoff"/> (the retention setting). Entity revision counters
    /// and the cursor sequence survive, so revisions and cursors never go back; a pruned (sender, id) may be
    /// published again.
    /// </summary>
    /// <param name="cutoff">Messages stored before this instant are deleted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many messages were deleted.</returns>
    Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Whether the store can serve now, for the hub's health service.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The health and a description (what is wrong when unhealthy).</returns>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);
}
