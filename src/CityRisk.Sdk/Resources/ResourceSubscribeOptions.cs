using CityRisk.Client;

namespace CityRisk.Resources;

/// <summary>What <see cref="ResourceClient.SubscribeAsync{TDocument}"/> follows: the pooling documents of one kind the caller may see, from a start or a checkpoint.</summary>
public sealed record ResourceSubscribeOptions
{
    /// <summary>Only documents in these GB/T 2260 divisions or within them (resources and requests have one); null for any.</summary>
    public IReadOnlyList<string>? Jurisdictions { get; init; }

    /// <summary>Also the caller's own documents. Default false: what others address to it.</summary>
    public bool IncludeOwn { get; init; }

    /// <summary>Where to start when there is no checkpoint. Default: from now.</summary>
    public SubscriptionStart Start { get; init; } = SubscriptionStart.FromNow;

    /// <summary>The subscription's name, under which its checkpoint is kept; required with <see cref="CheckpointStore"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Where the last delivered cursor is kept, to resume after a restart; null keeps it only in memory.</summary>
    public SubscriptionCheckpointStore? CheckpointStore { get; init; }
}
