using System.Text.Json.Serialization;

namespace CityRisk.Resources;

/// <summary>
/// A requester taking some of an offer for an item of its request: Macau commits Foshan's 4 boats. An entity owned
/// by the requester, with one revision; shared with the offering partner only. The hub accepts it only when the offer
/// stands with that much left and the item still needs it (docs/resources.md, "The arithmetic").
/// </summary>
public sealed record ResourceCommitment
{
    /// <summary>The document kind, <c>resource-commitment</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.ResourceCommitment;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The commitment's id, unique for its owner.</summary>
    public required string Id { get; init; }

    /// <summary>The requesting partner.</summary>
    public required string Owner { get; init; }

    /// <summary>Always 1: a commitment changes by status reports and releases, not revisions.</summary>
    public required long Revision { get; init; }

    /// <summary>The offer taken.</summary>
    public required PoolReference Offer { get; init; }

    /// <summary>The item of the owner's own request it fills.</summary>
    public required RequestItemReference Request { get; init; }

    /// <summary>How many, 1 or more.</summary>
    public required int Quantity { get; init; }

    /// <summary>When it was committed, with its offset.</summary>
    public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>A note (where to report, contact); optional.</summary>
    public string? Note { get; init; }
}
