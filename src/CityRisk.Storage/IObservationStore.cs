namespace CityRisk.Storage;

/// <summary>
/// The second seam a store may implement: hazards' observations (a time series keyed by hazard, indicator and
/// observed-at) and each hazard's evaluation, written together atomically. A store that does not implement it serves
/// every other part of the exchange; the hub then refuses observations (FAILED_PRECONDITION, saying why).
/// </summary>
/// <remarks>
/// Implementations are thread-safe. The store never parses <see cref="HazardEvaluationRecord.State"/>: the hub owns
/// its format. docs/protocol.md ("Stores") states the rules; the contract suite in CityRisk.Testing
/// (<c>ObservationStoreContract</c>) tests them.
/// </remarks>
public interface IObservationStore
{
    /// <summary>
    /// Records a batch of observations and the evaluations they lead to, in one atomic write: each observation is
    /// stored unless its key (hazard owner, hazard id, indicator id, observed-at instant) is already stored, the
    /// first of equal keys in the batch winning; then <paramref name="evaluate"/> is called once, inside the write,
    /// with which ones were stored, and the records it returns replace the stored evaluations of their hazards.
    /// If it throws, or the write fails, nothing is written.
    /// </summary>
    /// <param name="observations">The observations, in the order they are to be judged.</param>
    /// <param name="evaluate">Given whether each observation was stored (false: a duplicate), returns the evaluations to store. Called exactly once when the write happens; it must be quick and must not call the store.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write wrote nothing.</param>
    /// <returns>Whether each observation was stored, in order.</returns>
    Task<IReadOnlyList<bool>> RecordObservationsAsync(IReadOnlyList<StoredObservation> observations, Func<IReadOnlyList<bool>, IReadOnlyList<HazardEvaluationRecord>> evaluate, CancellationToken cancellationToken);

    /// <summary>
    /// A hazard's stored observations in key order (indicator id, then observed-at), after a position, up to a limit.
    /// </summary>
    /// <param name="query">Which hazard, indicator and time range, where to start, and how many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The observations; fewer than the limit only when no more match.</returns>
    Task<IReadOnlyList<StoredObservation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken);

    /// <summary>A hazard's stored evaluation.</summary>
    /// <param name="hazardOwner">The hazard's owner.</param>
    /// <param name="hazardId">The hazard's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The evaluation, or null when none was stored.</returns>
    Task<HazardEvaluationRecord?> GetEvaluationAsync(string hazardOwner, string hazardId, CancellationToken cancellationToken);

    /// <summary>Stores a hazard's evaluation, replacing the one stored before.</summary>
    /// <param name="record">The evaluation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is durable.</returns>
    Task SaveEvaluationAsync(HazardEvaluationRecord record, CancellationToken cancellationToken);

    /// <summary>The evaluations whose warning is still to be published (<see cref="HazardEvaluationRecord.WarningPending"/>), to finish after a restart.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<HazardEvaluationRecord>> ListPendingWarningsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes observations observed before <paramref name="cutoff"/> (the observation retention setting). Evaluations stay.</summary>
    /// <param name="cutoff">Observations observed before this instant are deleted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many observations were deleted.</returns>
    Task<int> PruneObservationsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
