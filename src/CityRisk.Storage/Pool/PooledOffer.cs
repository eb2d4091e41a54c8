namespace CityRisk.Storage;

/// <summary>An offer as the pool ledger keeps it: how much of which resource it holds, until when, and how much is committed.</summary>
public sealed record PooledOffer
{
    /// <summary>The offering partner, which owns the resource.</summary>
    public required string Owner { get; init; }

    /// <summary>The offer's id.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the owner's resource offered.</summary>
    public required string ResourceId { get; init; }

    /// <summary>How many are offered.</summary>
    public required int Quantity { get; init; }

    /// <summary>When it lapses.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The request it answers (owner, id, item), or null for an unsolicited offer.</summary>
    public (string Owner, string Id, int Item)? Request { get; init; }

    /// <summary>False once withdrawn.</summary>
    public bool Open { get; init; } = true;

    /// <summary>Committed of it so far (released or not): the ledger keeps this.</summary>
    public int Committed { get; init; }

    /// <summary>What it holds of its resource at <paramref name="now"/>: what is not committed, while it is open and unexpired.</summary>
    /// <param name="now">The hub's clock.</param>
    public int HeldAt(DateTimeOffset now) => Open && ExpiresAt > now ? Math.Max(0, Quantity - Committed) : 0;
}
