using System.Text.Json.Serialization;

namespace CityRisk.Resources;

/// <summary>
/// The requester giving back some or all of what it committed (EDXL-RM's ReleaseResource): the quantity returns to the
/// owner's availability at once. An entity owned by the requester, with one revision; shared with the provider only.
/// </summary>
public sealed record ResourceRelease
{
    /// <summary>The document kind, <c>resource-release</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.ResourceRelease;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The release's id, unique for its owner.</summary>
    public required string Id { get; init; }

    /// <summary>The requesting partner, which owns the commitment.</summary>
    public required string Owner { get; init; }

    /// <summary>Always 1: releasing more is a new release.</summary>
    public required long Revision { get; init; }

    /// <summary>The owner's commitment released.</summary>
    public required string CommitmentId { get; init; }

    /// <summary>The partner whose resource it is (the offer's owner), who receives the release.</summary>
    public required string Provider { get; init; }

    /// <summary>How many, 1 or more (up to what is still committed).</summary>
    public required int Quantity { get; init; }

    /// <summary>When it was released, with its offset.</summary>
    public required DateTimeOffset ReleasedAt { get; init; }

    /// <summary>A note; optional.</summary>
    public string? Note { get; init; }
}
