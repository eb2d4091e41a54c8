namespace CityRisk.Storage;

public sealed partial class InMemoryExchangeStore : IEnterpriseStore
{
    private readonly Dictionary<(string Owner, string Id), (EnterpriseFacts Facts, long Cursor)> _profiles = [];
    private readonly Dictionary<(string Owner, string Id), EnterpriseGrantFacts> _grants = [];
    private readonly List<EnterpriseRead> _reads = [];

    /// <inheritdoc/>
    public Task<AppendResult> AppendEnterpriseProfileAsync(StoredMessage message, EnterpriseFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        lock (_lock)
        {
            var result = Append(message);
            if (result.Outcome == AppendOutcome.Appended)
            {
                _profiles[(facts.Owner, facts.Id)] = (facts, result.Cursor);
            }

            return Task.FromResult(result);
        }
    }

    /// <inheritdoc/>
    public Task<AppendResult> AppendEnterpriseGrantAsync(StoredMessage message, EnterpriseGrantFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        lock (_lock)
        {
            var result = Append(message);
            if (result.Outcome == AppendOutcome.Appended)
            {
                _grants[(facts.Owner, facts.Id)] = facts;
            }

            return Task.FromResult(result);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EnterpriseGrantFacts>> GrantsForAsync(string insurer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<EnterpriseGrantFacts>>([.. _grants.Values.Where(g => g.Insurer == insurer).OrderBy(g => g.Owner, StringComparer.Ordinal).ThenBy(g => g.Id, StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EnterpriseRecord>> QueryEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var page = Readable(query)
                .Where(r => query.After is null || query.Compare(query.After, EnterprisePosition.Of(r.Facts)) < 0)
                .OrderBy(r => EnterprisePosition.Of(r.Facts), Comparer<EnterprisePosition>.Create(query.Compare))
                .Take(query.Limit)
                .Select(r => (query.WithPeriods ? r : r with { Facts = r.Facts with { Periods = [] } }) is var record && query.WithEnvelope
                    ? record with { Envelope = FindIndex(record.Cursor) is var index and >= 0 ? _log[index].Envelope : null }
                    : record);
            return Task.FromResult<IReadOnlyList<EnterpriseRecord>>([.. page]);
        }
    }

    /// <inheritdoc/>
    public Task<long> CountEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            return Task.FromResult((long)Readable(query).Count());
        }
    }

    /// <inheritdoc/>
    public Task RecordReadsAsync(IReadOnlyList<EnterpriseRead> reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reads);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            foreach (var read in reads)
            {
                _reads.Add(read with { Sequence = _reads.Count + 1 });
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<EnterpriseRead>> QueryReadsAsync(EnterpriseReadQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var page = Enumerable.Reverse(_reads).Where(r => r.Owner == query.Owner
                && (query.CreditCode is null || r.CreditCode == query.CreditCode)
                && (query.Insurer is null || r.Insurer == query.Insurer)
                && (query.From is not { } from || r.ReadAt >= from)
                && (query.To is not { } to || r.ReadAt < to)
                && (query.BeforeSequence is not { } before || r.Sequence < before)).Take(query.Limit);
            return Task.FromResult<IReadOnlyList<EnterpriseRead>>([.. page]);
        }
    }

    /// <summary>The profiles the query's filters admit that its reader may read, each with the grant it reads under; the caller holds the lock.</summary>
    private IEnumerable<EnterpriseRecord> Readable(EnterpriseQuery query)
    {
        var grants = query.AsInsurer ? _grants.Values.Where(g => g.Insurer == query.Reader).ToList() : [];
        foreach (var (facts, cursor) in _profiles.Values)
        {
            // A profile whose latest revision retention has pruned from the log is not read (its document is gone).
            if (!query.Admits(facts) || FindIndex(cursor) < 0)
            {
                continue;
            }

            if (query.Own && facts.Owner == query.Reader)
            {
                yield return new EnterpriseRecord(facts, cursor, null, 0);
            }
            else if (EnterpriseRecord.GrantFor(grants, facts, query.At) is { } grant)
            {
                yield return new EnterpriseRecord(facts, cursor, grant.Id, grant.Revision);
            }
        }
    }
}
