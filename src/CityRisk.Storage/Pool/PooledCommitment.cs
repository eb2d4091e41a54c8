namespace CityRisk.Storage;

/// <summary>A commitment as the pool ledger keeps it: what it took from which offer and resource, how far deployment went, what is released.</summary>
public sealed record PooledCommitment
{
    /// <summary>The requesting partner (the commitment's owner).</summary>
    public required string Owner { get; init; }

    /// <summary>The commitment's id.</summary>
    public required string Id { get; init; }

    /// <summary>The offer's owner, which owns the resource: the provider.</summary>
    public required string Provider { get; init; }

    /// <summary>The offer's id.</summary>
    public required string OfferId { get; init; }

    /// <summary>The provider's resource.</summary>
    public required string ResourceId { get; init; }

    /// <summary>The owner's request.</summary>
    public required string RequestId { get; init; }

    /// <summary>The request's item, from 0.</summary>
    public required int Item { get; init; }

    /// <summary>How many it took.</summary>
    public required int Quantity { get; init; }

    /// <summary>Of those, released.</summary>
    public int Released { get; init; }

    /// <summary>How far deployment went: 0 committed, then 1 EnRoute, 2 OnScene, 3 Demobilized, 4 Returned.</summary>
    public int Stage { get; init; }
}
