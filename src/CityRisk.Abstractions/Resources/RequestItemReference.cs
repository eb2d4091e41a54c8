namespace CityRisk.Resources;

/// <summary>One item of a resource request: the request's key and the item's index in its <see cref="ResourceRequest.Items"/> (from 0).</summary>
public sealed record RequestItemReference
{
    /// <summary>The requesting partner (the request's owner).</summary>
    public required string Owner { get; init; }

    /// <summary>The request's id.</summary>
    public required string Id { get; init; }

    /// <summary>The item's index, from 0.</summary>
    public required int Item { get; init; }
}
