using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Hazards;

/// <summary>
/// Something a partner monitors because it can go wrong: a bridge, a gas main, a slope, a hazardous-chemical plant.
/// An entity (docs/protocol.md §3): its key is (kind <c>hazard</c>, <see cref="Owner"/>, <see cref="Id"/>), and
/// each published version is a new <see cref="Revision"/>. Its <see cref="Indicators"/> are what its sensors
/// measure, with the thresholds that turn readings into warnings (docs/hazards.md).
/// </summary>
public sealed record Hazard
{
    // An absent list reads as empty, never null (the serializer sets members it did not find to their default).
    private readonly IReadOnlyList<string> _audience = [];
    private readonly IReadOnlyList<string> _recipients = [];
    private readonly IReadOnlyList<Indicator> _indicators = [];

    /// <summary>The document kind, <c>hazard</c> (CityRisk JSON's <c>"kind"</c>).</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.Hazard;

    /// <summary>The CityRisk JSON version, 1 (<c>"v"</c>).</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The hazard's id, unique for its owner: 1 to 128 characters, letters, digits and <c>. _ - :</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The partner that registered it and publishes its revisions (and its warnings' audience always includes).</summary>
    public required string Owner { get; init; }

    /// <summary>This version's revision: 1 for the first, then one more each time.</summary>
    public required long Revision { get; init; }

    /// <summary>Its name, in one or more languages.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>What it is: a code of <see cref="HazardTypes"/> or a partner's <c>namespace:code</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Which of the four plates it belongs to.</summary>
    public required RiskDomain Domain { get; init; }

    /// <summary>Its risk grade.</summary>
    public required RiskGrade RiskGrade { get; init; }

    /// <summary>Where it is.</summary>
    public required GeoGeometry Geometry { get; init; }

    /// <summary>The administrative division it lies in: a six-digit GB/T 2260 code.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Who may see it and receive its warnings besides its owner: stated, never assumed.</summary>
    public required DocumentScope Scope { get; init; }

    /// <summary>For a Restricted hazard: the roles (or <c>partner:&lt;id&gt;</c>) of its operators, who get its warnings.</summary>
    public IReadOnlyList<string> Audience { get => _audience; init => _audience = value ?? []; }

    /// <summary>For a Private hazard: the partners it is shared with.</summary>
    public IReadOnlyList<string> Recipients { get => _recipients; init => _recipients = value ?? []; }

    /// <summary>What is measured; none for a registered risk point without sensors.</summary>
    public IReadOnlyList<Indicator> Indicators { get => _indicators; init => _indicators = value ?? []; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other hazard.</param>
    public bool Equals(Hazard? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && Equals(Name, other.Name)
        && Type == other.Type && Domain == other.Domain && RiskGrade == other.RiskGrade && Equals(Geometry, other.Geometry)
        && Jurisdiction == other.Jurisdiction && Scope == other.Scope && Audience.SequenceEqual(other.Audience)
        && Recipients.SequenceEqual(other.Recipients) && Indicators.SequenceEqual(other.Indicators);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision, Type);
}
