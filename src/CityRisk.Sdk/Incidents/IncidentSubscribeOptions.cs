using CityRisk.Client;

namespace CityRisk.Incidents;

/// <summary>What <see cref="IncidentClient.SubscribeAsync"/> follows: every revision (every step) of the incidents that match, from a start or a checkpoint.</summary>
public sealed record IncidentSubscribeOptions
{
    /// <summary>Which incidents; null for all the caller may see. State, assignee and other attribute conditions match each revision as published.</summary>
    public IncidentFilter? Filter { get; init; }

    /// <summary>Where to start when there is no checkpoint. Default: from now.</summary>
    public SubscriptionStart Start { get; init; } = SubscriptionStart.FromNow;

    /// <summary>The subscription's name, under which its checkpoint is kept; required with <see cref="CheckpointStore"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Where the last delivered cursor is kept, to resume after a restart; null keeps it only in memory.</summary>
    public SubscriptionCheckpointStore? CheckpointStore { get; init; }
}
