using System.Text.Json.Serialization;

namespace CityRisk.Resources;

/// <summary>
/// A partner offering some of one of its resources (EDXL-RM's ResponseToRequestResource, or OfferUnsolicitedResource
/// without <see cref="Request"/>): Foshan offers 4 of its boats to Macau's request until tomorrow noon. An entity
/// owned by the offering partner. While it stands, its quantity not yet committed is held: nobody else can be offered
/// it (docs/resources.md, "The arithmetic").
/// </summary>
public sealed record ResourceOffer
{
    private readonly IReadOnlyList<string> _audience = [];
    private readonly IReadOnlyList<string> _recipients = [];

    /// <summary>The document kind, <c>resource-offer</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.ResourceOffer;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The offer's id, unique for its owner.</summary>
    public required string Id { get; init; }

    /// <summary>The offering partner, which owns the resource.</summary>
    public required string Owner { get; init; }

    /// <summary>This version's revision: 1, and 2 when withdrawn.</summary>
    public required long Revision { get; init; }

    /// <summary>The request item it answers; absent for an unsolicited offer.</summary>
    public RequestItemReference? Request { get; init; }

    /// <summary>The id of the owner's resource offered.</summary>
    public required string ResourceId { get; init; }

    /// <summary>How many, 1 or more.</summary>
    public required int Quantity { get; init; }

    /// <summary>When it lapses, with its offset: from then what was not committed is available again.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Open, or Withdrawn.</summary>
    public required ResourceOfferState State { get; init; }

    /// <summary>When this revision was made, with its offset.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A note (arrival time, conditions); optional.</summary>
    public string? Note { get; init; }

    /// <summary>Who may see it besides the owner and the requester: usually Private to the requester.</summary>
    public required DocumentScope Scope { get; init; }

    /// <summary>For a Restricted offer: roles, <c>partner:&lt;id&gt;</c> or <c>group:&lt;name&gt;</c>.</summary>
    public IReadOnlyList<string> Audience { get => _audience; init => _audience = value ?? []; }

    /// <summary>For a Private offer: the partners it is made to (the requester is always one).</summary>
    public IReadOnlyList<string> Recipients { get => _recipients; init => _recipients = value ?? []; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other offer.</param>
    public bool Equals(ResourceOffer? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && Equals(Request, other.Request) && ResourceId == other.ResourceId
        && Quantity == other.Quantity && ContentEquality.Instants(ExpiresAt, other.ExpiresAt) && State == other.State && ContentEquality.Instants(UpdatedAt, other.UpdatedAt)
        && Note == other.Note && Scope == other.Scope && Audience.SequenceEqual(other.Audience) && Recipients.SequenceEqual(other.Recipients);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision, State);
}
