namespace CityRisk.Storage;

/// <summary>
/// The seam a store implements to answer incident statistics (docs/incidents.md, "Statistics") from an index of each
/// incident's current facts, kept in the same atomic write as the revision that changed them. A store that does not
/// implement it serves every other part of the exchange, incidents included; the hub then refuses statistics
/// (UNIMPLEMENTED, saying why).
/// </summary>
/// <remarks>
/// Implementations are thread-safe. The contract suite in CityRisk.Testing (<c>IncidentStoreContract</c>) tests the rules.
/// </remarks>
public interface IIncidentStore
{
    /// <summary>
    /// Appends an incident's revision exactly as <see cref="IExchangeStore.AppendAsync"/> does and, only when it is
    /// appended, replaces the incident's facts with <paramref name="facts"/> in the same atomic write.
    /// </summary>
    /// <param name="message">The revision's message.</param>
    /// <param name="facts">The incident's facts as of this revision.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write wrote nothing.</param>
    /// <returns>What happened, as for <see cref="IExchangeStore.AppendAsync"/>.</returns>
    Task<AppendResult> AppendIncidentAsync(StoredMessage message, IncidentFacts facts, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the incidents a query selects that the viewer may see, for the division and each sub-division
    /// (<see cref="IncidentTally"/> fixes how).
    /// </summary>
    /// <param name="query">What to count.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The whole division first, then each sub-division with at least one incident, by code.</returns>
    Task<IReadOnlyList<IncidentCountsRecord>> CountIncidentsAsync(IncidentCountQuery query, CancellationToken cancellationToken);
}
