using CityRisk.Client;

namespace CityRisk.Hazards;

/// <summary>What <see cref="HazardClient.SubscribeAsync"/> follows: every revision of the hazards that match, from a start or a checkpoint.</summary>
public sealed record HazardSubscribeOptions
{
    /// <summary>Which hazards; null for all the caller may see.</summary>
    public HazardFilter? Filter { get; init; }

    /// <summary>Where to start when there is no checkpoint. Default: from now.</summary>
    public SubscriptionStart Start { get; init; } = SubscriptionStart.FromNow;

    /// <summary>The subscription's name, under which its checkpoint is kept; required with <see cref="CheckpointStore"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Where the last delivered cursor is kept, to resume after a restart; null keeps it only in memory.</summary>
    public SubscriptionCheckpointStore? CheckpointStore { get; init; }
}
