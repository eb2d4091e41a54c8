namespace CityRisk.Storage;

/// <summary>
/// The seam a store implements to serve enterprise risk (docs/insurers.md): an index of each profile's and grant's
/// current facts, kept in the same atomic write as the revision that changed them; the queries that apply grants;
/// and the audit of insurers' reads. A store that does not implement it serves every other part of the exchange;
/// the hub then refuses enterprise profiles and grants (UNIMPLEMENTED, saying why).
/// </summary>
/// <remarks>
/// Implementations are thread-safe. The contract suite in CityRisk.Testing (<c>EnterpriseStoreContract</c>) tests the rules.
/// </remarks>
public interface IEnterpriseStore
{
    /// <summary>
    /// Appends a profile's revision exactly as <see cref="IExchangeStore.AppendAsync"/> does and, only when it is
    /// appended, replaces the profile's facts with <paramref name="facts"/> in the same atomic write.
    /// </summary>
    /// <param name="message">The revision's message.</param>
    /// <param name="facts">The profile's facts as of this revision.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write wrote nothing.</param>
    /// <returns>What happened, as for <see cref="IExchangeStore.AppendAsync"/>.</returns>
    Task<AppendResult> AppendEnterpriseProfileAsync(StoredMessage message, EnterpriseFacts facts, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a grant's revision exactly as <see cref="IExchangeStore.AppendAsync"/> does and, only when it is
    /// appended, replaces the grant's facts in the same atomic write: from then on queries apply the new revision.
    /// </summary>
    /// <param name="message">The revision's message.</param>
    /// <param name="facts">The grant's facts as of this revision.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What happened.</returns>
    Task<AppendResult> AppendEnterpriseGrantAsync(StoredMessage message, EnterpriseGrantFacts facts, CancellationToken cancellationToken);

    /// <summary>The current facts of the grants for an insurer, active or not, by owner and id.</summary>
    /// <param name="insurer">The insurer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<EnterpriseGrantFacts>> GrantsForAsync(string insurer, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the profiles a query selects that its reader may read: its own when <see cref="EnterpriseQuery.Own"/>,
    /// and as an insurer those a grant in force at <see cref="EnterpriseQuery.At"/> covers (<see cref="EnterpriseGrantFacts.Covers"/>);
    /// never a profile whose latest revision's message is no longer in the log (pruned by retention).
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>At most <see cref="EnterpriseQuery.Limit"/> records in the query's order.</returns>
    Task<IReadOnlyList<EnterpriseRecord>> QueryEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken);

    /// <summary>How many profiles the query selects that its reader may read, every page together (paging fields are ignored).</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long> CountEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken);

    /// <summary>Records reads durably, in order, each with the next sequence number; nothing is recorded when it fails.</summary>
    /// <param name="reads">The reads.</param>
    /// <param name="cancellationToken">Cancels the write before it starts.</param>
    Task RecordReadsAsync(IReadOnlyList<EnterpriseRead> reads, CancellationToken cancellationToken);

    /// <summary>A page of the recorded reads a query selects, newest (highest sequence) first.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<EnterpriseRead>> QueryReadsAsync(EnterpriseReadQuery query, CancellationToken cancellationToken);
}
