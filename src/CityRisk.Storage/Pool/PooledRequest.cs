namespace CityRisk.Storage;

/// <summary>A resource request as the pool ledger keeps it: its published state and each item's quantities.</summary>
public sealed record PooledRequest
{
    /// <summary>The requesting partner.</summary>
    public required string Owner { get; init; }

    /// <summary>The request's id.</summary>
    public required string Id { get; init; }

    /// <summary>The revision these values are from.</summary>
    public required long Revision { get; init; }

    /// <summary>Its published state (<c>Open</c>, <c>Cancelled</c>, <c>Closed</c>); only an Open one takes offers and commitments.</summary>
    public required string State { get; init; }

    /// <summary>Its items, in order.</summary>
    public required IReadOnlyList<PooledRequestItem> Items { get; init; }

    /// <summary>Whether it takes offers and commitments.</summary>
    public bool Accepting => State == "Open";
}

/// <summary>One item of a pooled request.</summary>
/// <param name="Type">The type wanted.</param>
/// <param name="Wanted">How many.</param>
/// <param name="Committed">Committed to it (released or not).</param>
/// <param name="Released">Of those, released.</param>
public sealed record PooledRequestItem(string Type, int Wanted, int Committed = 0, int Released = 0);
