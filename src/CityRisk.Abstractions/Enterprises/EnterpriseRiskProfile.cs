using System.Text.Json.Serialization;
using CityRisk.Geo;
using CityRisk.Hazards;

namespace CityRisk.Enterprises;

/// <summary>
/// What a regulator knows of an enterprise's production safety, for insurers pricing safety-production liability
/// insurance (the Foshan pattern; docs/insurers.md). An entity owned by the publishing regulator, keyed by the
/// enterprise's unified social credit code (<see cref="Id"/> is <see cref="CreditCode"/>); each update is a new
/// revision. Insurers see it only under a grant (docs/insurers.md, "Access").
/// </summary>
public sealed record EnterpriseRiskProfile
{
    private readonly IReadOnlyList<EnterprisePeriod> _periods = [];

    /// <summary>The document kind, <c>enterprise-profile</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.EnterpriseProfile;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The profile's id: the enterprise's credit code, so a regulator keeps one profile per enterprise.</summary>
    public required string Id { get; init; }

    /// <summary>The publishing regulator.</summary>
    public required string Owner { get; init; }

    /// <summary>This version's revision, from 1.</summary>
    public required long Revision { get; init; }

    /// <summary>The enterprise's unified social credit code (GB 32100), its check character verified.</summary>
    public required string CreditCode { get; init; }

    /// <summary>The enterprise's registered name, in one or more languages.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>Its industry: a GB/T 4754-2017 code, the section letter and up to four digits (<c>C2614</c>).</summary>
    public required string Industry { get; init; }

    /// <summary>The administrative division it is in: a six-digit GB/T 2260 code.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Its address, for people; optional.</summary>
    public string? Address { get; init; }

    /// <summary>Where it is: a Point.</summary>
    public required GeoGeometry Location { get; init; }

    /// <summary>How many people it employs.</summary>
    public required int Employees { get; init; }

    /// <summary>Whether it produces, stores or uses hazardous chemicals.</summary>
    public required bool HazardousChemicals { get; init; }

    /// <summary>Whether it has a major hazard source (重大危险源).</summary>
    public required bool MajorHazardSource { get; init; }

    /// <summary>Its risk grade as the regulator assessed it (four-colour grading).</summary>
    public required RiskGrade RiskGrade { get; init; }

    /// <summary>The reporting periods, oldest first, none overlapping.</summary>
    public IReadOnlyList<EnterprisePeriod> Periods { get => _periods; init => _periods = value ?? []; }

    /// <summary>Whether it holds safety-production liability insurance now.</summary>
    public required bool Insured { get; init; }

    /// <summary>Its insurer's partner id, when insured and the insurer is a partner; optional.</summary>
    public string? Insurer { get; init; }

    /// <summary>When this revision was made, with its offset.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other profile.</param>
    public bool Equals(EnterpriseRiskProfile? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && CreditCode == other.CreditCode && Equals(Name, other.Name)
        && Industry == other.Industry && Jurisdiction == other.Jurisdiction && Address == other.Address && Equals(Location, other.Location) && Employees == other.Employees
        && HazardousChemicals == other.HazardousChemicals && MajorHazardSource == other.MajorHazardSource && RiskGrade == other.RiskGrade && Periods.SequenceEqual(other.Periods)
        && Insured == other.Insured && Insurer == other.Insurer && ContentEquality.Instants(UpdatedAt, other.UpdatedAt);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision);
}
