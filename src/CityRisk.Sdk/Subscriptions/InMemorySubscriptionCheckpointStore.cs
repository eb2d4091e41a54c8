using System.Collections.Concurrent;

namespace CityRisk.Client;

/// <summary>Checkpoints in memory: they survive reconnections but not the process. For tests and short-lived tools.</summary>
public sealed class InMemorySubscriptionCheckpointStore : SubscriptionCheckpointStore
{
    private readonly ConcurrentDictionary<string, SubscriptionCheckpoint> _checkpoints = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override ValueTask<SubscriptionCheckpoint?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_checkpoints.TryGetValue(name, out var checkpoint) ? checkpoint : null);

    /// <inheritdoc/>
    public override ValueTask SetAsync(string name, SubscriptionCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _checkpoints[name] = checkpoint;
        return ValueTask.CompletedTask;
    }
}
