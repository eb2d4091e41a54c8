namespace CityRisk.Client;

/// <summary>
/// Where named subscriptions keep their checkpoints, so a process that restarts resumes where it stopped. A
/// message counts as processed, and its cursor is written here, when the application asks for the next one.
/// Implement it over your own database; <see cref="InMemorySubscriptionCheckpointStore"/> and
/// <see cref="FileSubscriptionCheckpointStore"/> come with the SDK.
/// </summary>
public abstract class SubscriptionCheckpointStore
{
    /// <summary>The checkpoint of a subscription; null when it has none yet.</summary>
    /// <param name="name">The subscription's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public abstract ValueTask<SubscriptionCheckpoint?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Records a subscription's checkpoint, replacing the previous one; it must be durable when this completes.</summary>
    /// <param name="name">The subscription's name.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public abstract ValueTask SetAsync(string name, SubscriptionCheckpoint checkpoint, CancellationToken cancellationToken = default);
}
