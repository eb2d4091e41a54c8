namespace CityRisk.Storage;

/// <summary>Observations and evaluations in memory (<see cref="IObservationStore"/>).</summary>
public sealed partial class InMemoryExchangeStore
{
    private static readonly Comparer<(string IndicatorId, long Ticks)> KeyOrder = Comparer<(string IndicatorId, long Ticks)>.Create(static (a, b) =>
    {
        var byIndicator = string.CompareOrdinal(a.IndicatorId, b.IndicatorId);
        return byIndicator != 0 ? byIndicator : a.Ticks.CompareTo(b.Ticks);
    });

    private readonly Lock _observationLock = new();
    private readonly Dictionary<(string Owner, string Id), SortedDictionary<(string IndicatorId, long Ticks), StoredObservation>> _observations = [];
    private readonly Dictionary<(string Owner, string Id), HazardEvaluationRecord> _evaluations = [];

    /// <inheritdoc/>
    public Task<IReadOnlyList<bool>> RecordObservationsAsync(IReadOnlyList<StoredObservation> observations, Func<IReadOnlyList<bool>, IReadOnlyList<HazardEvaluationRecord>> evaluate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(evaluate);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_observationLock)
        {
            var stored = new bool[observations.Count];
            var added = new List<(SortedDictionary<(string, long), StoredObservation> Series, (string, long) Key, StoredObservation Row)>();
            for (var i = 0; i < observations.Count; i++)
            {
                var row = observations[i];
                var series = SeriesOf(row.HazardOwner, row.HazardId);
                var key = (row.IndicatorId, row.ObservedAt.UtcTicks);
                if (series.TryAdd(key, row))
                {
                    stored[i] = true;
                    added.Add((series, key, row));
                }
            }

            IReadOnlyList<HazardEvaluationRecord> records;
            try
            {
                records = evaluate(stored);
            }
            catch
            {
                // All or nothing, as the interface promises.
                foreach (var (series, key, _) in added)
                {
                    series.Remove(key);
                }

                throw;
            }

            foreach (var record in records)
            {
                _evaluations[(record.HazardOwner, record.HazardId)] = record;
            }

            return Task.FromResult<IReadOnlyList<bool>>(stored);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredObservation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        lock (_observationLock)
        {
            if (!_observations.TryGetValue((query.HazardOwner, query.HazardId), out var series))
            {
                return Task.FromResult<IReadOnlyList<StoredObservation>>([]);
            }

            var after = query.After is { } position ? (position.IndicatorId, position.ObservedAt.UtcTicks) : ((string, long)?)null;
            IReadOnlyList<StoredObservation> page = [.. series
                .Where(entry => after is null || KeyOrder.Compare(entry.Key, after.Value) > 0)
                .Select(entry => entry.Value)
                .Where(row => (query.IndicatorId is null || row.IndicatorId == query.IndicatorId)
                    && (query.From is null || row.ObservedAt >= query.From)
                    && (query.To is null || row.ObservedAt < query.To))
                .Take(query.Limit)];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<HazardEvaluationRecord?> GetEvaluationAsync(string hazardOwner, string hazardId, CancellationToken cancellationToken)
    {
        lock (_observationLock)
        {
            return Task.FromResult(_evaluations.GetValueOrDefault((hazardOwner, hazardId)));
        }
    }

    /// <inheritdoc/>
    public Task SaveEvaluationAsync(HazardEvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_observationLock)
        {
            _evaluations[(record.HazardOwner, record.HazardId)] = record;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HazardEvaluationRecord>> ListPendingWarningsAsync(CancellationToken cancellationToken)
    {
        lock (_observationLock)
        {
            return Task.FromResult<IReadOnlyList<HazardEvaluationRecord>>([.. _evaluations.Values.Where(record => record.WarningPending)]);
        }
    }

    /// <inheritdoc/>
    public Task<int> PruneObservationsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_observationLock)
        {
            var pruned = 0;
            foreach (var series in _observations.Values)
            {
                foreach (var key in series.Where(entry => entry.Value.ObservedAt < cutoff).Select(entry => entry.Key).ToList())
                {
                    series.Remove(key);
                    pruned++;
                }
            }

            return Task.FromResult(pruned);
        }
    }

    private SortedDictionary<(string IndicatorId, long Ticks), StoredObservation> SeriesOf(string owner, string id)
    {
        if (!_observations.TryGetValue((owner, id), out var series))
        {
            _observations[(owner, id)] = series = new SortedDictionary<(string IndicatorId, long Ticks), StoredObservation>(KeyOrder);
        }

        return series;
    }
}
