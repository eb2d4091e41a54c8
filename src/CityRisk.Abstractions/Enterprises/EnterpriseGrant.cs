using System.Text.Json.Serialization;

namespace CityRisk.Enterprises;

/// <summary>
/// A regulator's permission for one insurer to read some of its enterprise profiles (docs/insurers.md, "Access"): the
/// enterprise's <see cref="GrantBasis.Consent"/> (one credit code, with the evidence of consent) or the regulator's
/// <see cref="GrantBasis.Agreement"/> with the insurer (a jurisdiction with its sub-divisions and a set of industries).
/// An entity owned by the regulator, so the log shows who allowed what and when; a change of validity is a new
/// revision, and revoking is a revision in state <see cref="GrantState.Revoked"/>. It covers only profiles the same
/// regulator owns.
/// </summary>
public sealed record EnterpriseGrant
{
    private readonly IReadOnlyList<string> _industries = [];

    /// <summary>The document kind, <c>enterprise-grant</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.EnterpriseGrant;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The grant's id, unique for its owner.</summary>
    public required string Id { get; init; }

    /// <summary>The regulator granting access to its profiles.</summary>
    public required string Owner { get; init; }

    /// <summary>The revision number, 1 upwards.</summary>
    public required long Revision { get; init; }

    /// <summary>The insurer (partner id) the grant is for; fixed for the grant's life.</summary>
    public required string Insurer { get; init; }

    /// <summary>Consent or agreement; fixed for the grant's life.</summary>
    public required GrantBasis Basis { get; init; }

    /// <summary>For a consent: the consenting enterprise's unified social credit code. Absent for an agreement.</summary>
    public string? CreditCode { get; init; }

    /// <summary>For a consent: where the consent is kept (a signed form's number, a contract clause), so it can be produced. Absent for an agreement.</summary>
    public string? ConsentReference { get; init; }

    /// <summary>For an agreement: the GB/T 2260 division it covers, with its sub-divisions (440600 covers every 4406xx code). Absent for a consent.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>For an agreement: the GB/T 4754-2017 codes it covers, each with the codes below it (C26 covers C2614). Empty for a consent.</summary>
    public IReadOnlyList<string> Industries { get => _industries; init => _industries = value ?? []; }

    /// <summary>When the grant starts to cover reads, inclusive, with its offset.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>When it stops, exclusive, with its offset; after <see cref="ValidFrom"/>.</summary>
    public required DateTimeOffset ValidUntil { get; init; }

    /// <summary>Active, or Revoked (final).</summary>
    public required GrantState State { get; init; }

    /// <summary>When this revision was made, with its offset.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A note (why it was granted or revoked); optional.</summary>
    public string? Note { get; init; }

    /// <summary>Equal when every value is equal, lists element by element, instants as instants with their offsets.</summary>
    /// <param name="other">The other grant.</param>
    public bool Equals(EnterpriseGrant? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && Insurer == other.Insurer && Basis == other.Basis
        && CreditCode == other.CreditCode && ConsentReference == other.ConsentReference && Jurisdiction == other.Jurisdiction && Industries.SequenceEqual(other.Industries)
        && ContentEquality.Instants(ValidFrom, other.ValidFrom) && ContentEquality.Instants(ValidUntil, other.ValidUntil) && State == other.State
        && ContentEquality.Instants(UpdatedAt, other.UpdatedAt) && Note == other.Note;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision);
}
