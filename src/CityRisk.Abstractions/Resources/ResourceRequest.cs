using System.Text.Json.Serialization;
using CityRisk.Incidents;

namespace CityRisk.Resources;

/// <summary>
/// A partner asking others for resources (EDXL-RM's RequestResource): Macau needs 6 rescue boats and 4 drainage pumps
/// during a typhoon. An entity owned by the requester; its audience (a mutual-aid group such as <c>group:gba</c>, or
/// named partners) is who can see it and offer. How much of it is filled follows from the commitments
/// (<see cref="ResourcePooling.EffectiveState"/>).
/// </summary>
public sealed record ResourceRequest
{
    private readonly IReadOnlyList<ResourceRequestItem> _items = [];
    private readonly IReadOnlyList<string> _audience = [];
    private readonly IReadOnlyList<string> _recipients = [];

    /// <summary>The document kind, <c>resource-request</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.ResourceRequest;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The request's id, unique for its owner.</summary>
    public required string Id { get; init; }

    /// <summary>The requesting partner.</summary>
    public required string Owner { get; init; }

    /// <summary>This version's revision, from 1.</summary>
    public required long Revision { get; init; }

    /// <summary>The incident the resources are for; optional (a request ahead of a forecast typhoon has none yet).</summary>
    public IncidentKey? Incident { get; init; }

    /// <summary>A short title, in one or more languages.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What is wanted, one line per type and place; at least one.</summary>
    public IReadOnlyList<ResourceRequestItem> Items { get => _items; init => _items = value ?? []; }

    /// <summary>The administrative division the help is for: a six-digit GB/T 2260 code.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Open, Cancelled or Closed, as the requester says (PartiallyFilled and Filled are derived, never published).</summary>
    public required ResourceRequestState State { get; init; }

    /// <summary>When this revision was made, with its offset.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A note (contact on scene, access route); optional.</summary>
    public string? Note { get; init; }

    /// <summary>Who may see it, and so offer: usually Restricted to a mutual-aid group.</summary>
    public required DocumentScope Scope { get; init; }

    /// <summary>For a Restricted request: <c>group:&lt;name&gt;</c>, roles or <c>partner:&lt;id&gt;</c>.</summary>
    public IReadOnlyList<string> Audience { get => _audience; init => _audience = value ?? []; }

    /// <summary>For a Private request: the partners asked.</summary>
    public IReadOnlyList<string> Recipients { get => _recipients; init => _recipients = value ?? []; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other request.</param>
    public bool Equals(ResourceRequest? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && Equals(Incident, other.Incident) && Equals(Title, other.Title)
        && Items.SequenceEqual(other.Items) && Jurisdiction == other.Jurisdiction && State == other.State && ContentEquality.Instants(UpdatedAt, other.UpdatedAt)
        && Note == other.Note && Scope == other.Scope && Audience.SequenceEqual(other.Audience) && Recipients.SequenceEqual(other.Recipients);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision, State);
}
