namespace CityRisk.Storage;

/// <summary>
/// The ledger's rows as one store holds them, read and written inside the store's atomic write for one step; a store
/// implements it over its tables and hands it to <see cref="PoolLedger.Apply"/>, so every store does the same
/// arithmetic.
/// </summary>
public interface IPoolLedgerRows
{
    /// <summary>A resource by key, or null.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="id">The id.</param>
    PooledResource? Resource(string owner, string id);

    /// <summary>The offers of a resource not withdrawn (expired ones included).</summary>
    /// <param name="owner">The resource's owner.</param>
    /// <param name="resourceId">The resource's id.</param>
    IReadOnlyList<PooledOffer> OpenOffersOf(string owner, string resourceId);

    /// <summary>The offers not withdrawn that answer a request (expired ones included).</summary>
    /// <param name="requestOwner">The request's owner.</param>
    /// <param name="requestId">The request's id.</param>
    IReadOnlyList<PooledOffer> OpenOffersFor(string requestOwner, string requestId);

    /// <summary>An offer by key, or null.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="id">The id.</param>
    PooledOffer? Offer(string owner, string id);

    /// <summary>A request by key, or null.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="id">The id.</param>
    PooledRequest? Request(string owner, string id);

    /// <summary>A commitment by key, or null.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="id">The id.</param>
    PooledCommitment? Commitment(string owner, string id);

    /// <summary>Writes a resource (insert or replace).</summary>
    /// <param name="resource">The row.</param>
    void Save(PooledResource resource);

    /// <summary>Writes an offer (insert or replace).</summary>
    /// <param name="offer">The row.</param>
    void Save(PooledOffer offer);

    /// <summary>Writes a request (insert or replace).</summary>
    /// <param name="request">The row.</param>
    void Save(PooledRequest request);

    /// <summary>Writes a commitment (insert or replace).</summary>
    /// <param name="commitment">The row.</param>
    void Save(PooledCommitment commitment);
}
