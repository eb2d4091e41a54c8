namespace CityRisk.Storage;

/// <summary>
/// The seam a store implements to keep the resource pool (docs/resources.md, "The arithmetic"): the ledger of
/// resources, requests, offers and commitments, changed by <see cref="PoolLedger"/> in the same atomic write as the
/// pooling message that changes it, so its guarantees hold however many hubs and callers write at once. A store that
/// does not implement it serves everything else; the hub then refuses the pooling kinds (UNIMPLEMENTED, saying why).
/// </summary>
/// <remarks>
/// Implementations are thread-safe. The contract suite in CityRisk.Testing (<c>ResourcePoolStoreContract</c>) tests the rules.
/// </remarks>
public interface IResourcePoolStore
{
    /// <summary>
    /// Appends a pooling message exactly as <see cref="IExchangeStore.AppendAsync"/> does (a duplicate, a conflict or
    /// a stale revision is answered as there, before the ledger is asked) and, when it would be appended, applies
    /// <paramref name="change"/> through <see cref="PoolLedger.Apply"/> in the same atomic write.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="change">What it does to the ledger.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write wrote nothing.</param>
    /// <returns>What happened, as for <see cref="IExchangeStore.AppendAsync"/>.</returns>
    /// <exception cref="PoolStepRefusedException">The ledger refused the step; nothing was written.</exception>
    Task<AppendResult> AppendPoolStepAsync(StoredMessage message, PoolStep change, CancellationToken cancellationToken);

    /// <summary>The resources a pool query selects, with what is available of each at <see cref="PoolQuery.At"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Up to <see cref="PoolQuery.Limit"/> plus one entries, nearest first when the query has a centre, else by owner and id.</returns>
    Task<IReadOnlyList<PoolEntryRecord>> QueryPoolAsync(PoolQuery query, CancellationToken cancellationToken);

    /// <summary>A request as the ledger has it, with what open offers hold for each item at an instant.</summary>
    /// <param name="owner">The requester.</param>
    /// <param name="id">The request's id.</param>
    /// <param name="at">The hub's clock, for offers' expiry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request and each item's offered quantity, or null when the ledger has no such request.</returns>
    Task<RequestFillRecord?> GetRequestFillAsync(string owner, string id, DateTimeOffset at, CancellationToken cancellationToken);
}
