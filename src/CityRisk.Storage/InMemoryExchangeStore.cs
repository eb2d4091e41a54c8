namespace CityRisk.Storage;

/// <summary>The store in memory: the semantics every store has (the log, observations and incident statistics), nothing durable. For tests and demos.</summary>
/// <param name="time">The clock for <see cref="StoredMessage.StoredAt"/>; the system clock when null.</param>
public sealed partial class InMemoryExchangeStore(TimeProvider? time = null) : IExchangeStore, IObservationStore
{
    private readonly Lock _lock = new();
    private readonly List<StoredMessage> _log = [];
    private readonly Dictionary<(string Sender, string Id), StoredMessage> _byId = [];
    private readonly Dictionary<(string Kind, string Owner, string Id), (long Revision, long Cursor)> _entities = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _lastCursor;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Append(message));
        }
    }

    /// <summary>Appends under the lock: a duplicate or conflict by (sender, id), then n+1 only after n by entity key.</summary>
    private AppendResult Append(StoredMessage message) => Refusal(message) ?? Insert(message);

    /// <summary>Under the lock: what an append of the message would answer without appending it (a duplicate, a conflict, a stale revision), or null when it would be appended.</summary>
    private AppendResult? Refusal(StoredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_byId.TryGetValue((message.Sender, message.Id), out var existing))
        {
            return existing.ContentHash.AsSpan().SequenceEqual(message.ContentHash)
                ? AppendResult.Duplicate(existing.Cursor)
                : AppendResult.Conflict(existing.Cursor);
        }

        if (message.EntityId is not null)
        {
            var current = _entities.GetValueOrDefault((message.Kind, message.Owner, message.EntityId)).Revision;
            if (message.Revision != current + 1)
            {
                return AppendResult.RevisionConflict(current);
            }
        }

        return null;
    }

    /// <summary>Under the lock, after <see cref="Refusal"/> found none: stores the message at the next cursor.</summary>
    private AppendResult Insert(StoredMessage message)
    {
        var entityKey = message.EntityId is null ? default : (message.Kind, message.Owner, message.EntityId);
        var stored = message with { Cursor = ++_lastCursor, StoredAt = _time.GetUtcNow() };
        _log.Add(stored);
        _byId[(stored.Sender, stored.Id)] = stored;
        if (message.EntityId is not null)
        {
            _entities[entityKey] = (message.Revision, stored.Cursor);
        }

        return AppendResult.Appended(stored.Cursor);
    }

    /// <inheritdoc/>
    public Task<bool> MarkSupersededAsync(string sender, string id, long supersededBy, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue((sender, id), out var message) || message.SupersededBy is not null || message.Cursor >= supersededBy)
            {
                return Task.FromResult(false);
            }

            var marked = message with { SupersededBy = supersededBy };
            _byId[(sender, id)] = marked;
            _log[FindIndex(message.Cursor)] = marked;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<StoredMessage?> GetMessageAsync(string sender, string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_byId.GetValueOrDefault((sender, id)));
        }
    }

    /// <inheritdoc/>
    public Task<StoredMessage?> GetLatestRevisionAsync(string kind, string owner, string entityId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entities.TryGetValue((kind, owner, entityId), out var entity))
            {
                return Task.FromResult<StoredMessage?>(null);
            }

            var index = FindIndex(entity.Cursor);
            return Task.FromResult(index >= 0 && _log[index].Cursor == entity.Cursor ? _log[index] : null);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredMessage>> ReadAfterAsync(long afterCursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            // The log is in cursor order: find the first after the cursor by binary search.
            var start = FindIndex(afterCursor + 1);
            if (start < 0)
            {
                start = ~start;
            }

            var count = Math.Min(limit, _log.Count - start);
            return Task.FromResult<IReadOnlyList<StoredMessage>>(count <= 0 ? [] : _log.GetRange(start, count));
        }
    }

    /// <inheritdoc/>
    public Task<long> GetLastCursorAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_lastCursor);
        }
    }

    /// <inheritdoc/>
    public Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var message in _log.Where(m => m.StoredAt < cutoff))
            {
                _byId.Remove((message.Sender, message.Id));
            }

            return Task.FromResult(_log.RemoveAll(m => m.StoredAt < cutoff));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredMessage>> QueryAsync(StoreQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        lock (_lock)
        {
            var start = FindIndex(query.AfterCursor + 1);
            var matches = new List<StoredMessage>();
            for (var i = start < 0 ? ~start : start; i < _log.Count && matches.Count < query.Limit; i++)
            {
                if (query.Matches(_log[i]))
                {
                    matches.Add(_log[i]);
                }
            }

            return Task.FromResult<IReadOnlyList<StoredMessage>>(matches);
        }
    }

    /// <inheritdoc/>
    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new StoreHealth(true, "in-memory store"));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private int FindIndex(long cursor)
    {
        int low = 0, high = _log.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var value = _log[middle].Cursor;
            if (value == cursor)
            {
                return middle;
            }

            if (value < cursor)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
