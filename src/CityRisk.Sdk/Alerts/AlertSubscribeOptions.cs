using CityRisk.Client;

namespace CityRisk.Alerts;

/// <summary>
/// A subscription to alerts: which ones, from where, and (for a named subscription) where its checkpoint is kept so
/// a restarted process resumes where it stopped.
/// </summary>
public sealed record AlertSubscribeOptions
{
    /// <summary>Which alerts; null for every alert the caller may see.</summary>
    public AlertFilter? Filter { get; init; }

    /// <summary>Where a subscription without a checkpoint starts. Default <see cref="SubscriptionStart.FromNow"/>.</summary>
    public SubscriptionStart Start { get; init; } = SubscriptionStart.FromNow;

    /// <summary>The subscription's name in <see cref="CheckpointStore"/>; required when a store is given.</summary>
    public string? Name { get; init; }

    /// <summary>Where the checkpoint is kept; null for none (the subscription still resumes across reconnections).</summary>
    public SubscriptionCheckpointStore? CheckpointStore { get; init; }
}
