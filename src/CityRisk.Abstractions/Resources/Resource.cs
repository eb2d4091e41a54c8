using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Resources;

/// <summary>
/// Something a partner can send to help another: 4 rescue boats, 12 drainage pumps, a medical team. An entity
/// (docs/protocol.md §3.4) owned by the partner that has it; every change (a fifth boat, out of service) is a new
/// <see cref="Revision"/>. What of it is offered or committed is the hub's arithmetic (docs/resources.md), not a
/// field: the pool query reports it.
/// </summary>
public sealed record Resource
{
    private readonly IReadOnlyList<ResourceCapability> _capabilities = [];
    private readonly IReadOnlyList<string> _audience = [];
    private readonly IReadOnlyList<string> _recipients = [];

    /// <summary>The document kind, <c>resource</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.Resource;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The resource's id, unique for its owner (an entity id: letters, digits and <c>. _ - :</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The partner that has it.</summary>
    public required string Owner { get; init; }

    /// <summary>This version's revision, from 1.</summary>
    public required long Revision { get; init; }

    /// <summary>What it is: a code of <see cref="ResourceTypes"/> or <c>namespace:code</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Its name, in one or more languages (佛山市消防救援支队冲锋舟队).</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>How many the owner has (boats, pumps, teams, places), 0 or more.</summary>
    public required int Quantity { get; init; }

    /// <summary>What one of <see cref="Quantity"/> is (<c>boat</c>, <c>team</c>, <c>person</c>, <c>place</c>, <c>t</c>).</summary>
    public required string Unit { get; init; }

    /// <summary>What one unit can do, by capability name (each name once).</summary>
    public IReadOnlyList<ResourceCapability> Capabilities { get => _capabilities; init => _capabilities = value ?? []; }

    /// <summary>Where it is based: a Point. The pool query measures distance from here.</summary>
    public required GeoGeometry Home { get; init; }

    /// <summary>The administrative division it is based in: a six-digit GB/T 2260 code.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Whether more of it can be offered.</summary>
    public required ResourceStatus Status { get; init; }

    /// <summary>When this revision was made, with its offset.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A note for the other partners (crew, call sign, conditions); optional.</summary>
    public string? Note { get; init; }

    /// <summary>Who may see it (and find it in the pool) besides the owner.</summary>
    public required DocumentScope Scope { get; init; }

    /// <summary>For a Restricted resource: roles, <c>partner:&lt;id&gt;</c> or mutual-aid groups (<c>group:gba</c>).</summary>
    public IReadOnlyList<string> Audience { get => _audience; init => _audience = value ?? []; }

    /// <summary>For a Private resource: the partners it is shared with.</summary>
    public IReadOnlyList<string> Recipients { get => _recipients; init => _recipients = value ?? []; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other resource.</param>
    public bool Equals(Resource? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && Type == other.Type && Equals(Name, other.Name)
        && Quantity == other.Quantity && Unit == other.Unit && Capabilities.SequenceEqual(other.Capabilities) && Equals(Home, other.Home)
        && Jurisdiction == other.Jurisdiction && Status == other.Status && ContentEquality.Instants(UpdatedAt, other.UpdatedAt) && Note == other.Note
        && Scope == other.Scope && Audience.SequenceEqual(other.Audience) && Recipients.SequenceEqual(other.Recipients);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision, Quantity);
}
