namespace CityRisk.Storage;

/// <summary>What access needs of a grant's current revision (docs/insurers.md, "Access"); the hub derives it, the store indexes it.</summary>
public sealed record EnterpriseGrantFacts
{
    /// <summary>The granting regulator (the grant's owner, and the owner of every profile it covers).</summary>
    public required string Owner { get; init; }

    /// <summary>The grant's id.</summary>
    public required string Id { get; init; }

    /// <summary>The revision these facts are of.</summary>
    public required long Revision { get; init; }

    /// <summary>The insurer it is for.</summary>
    public required string Insurer { get; init; }

    /// <summary>For a consent, the enterprise's credit code; null for an agreement.</summary>
    public string? CreditCode { get; init; }

    /// <summary>For an agreement, the jurisdiction code prefix it covers (44, 4406 or 440605); null for a consent.</summary>
    public string? JurisdictionPrefix { get; init; }

    /// <summary>For an agreement, the industry code prefixes it covers; empty for a consent.</summary>
    public IReadOnlyList<string> IndustryPrefixes { get; init; } = [];

    /// <summary>When it starts to cover reads, inclusive.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>When it stops, exclusive.</summary>
    public required DateTimeOffset ValidUntil { get; init; }

    /// <summary>False once revoked: a revoked grant covers nothing.</summary>
    public required bool Active { get; init; }

    /// <summary>Whether it covers a profile at an instant: the rule of docs/insurers.md, "Access", on the facts alone.</summary>
    /// <param name="owner">The profile's owner.</param>
    /// <param name="creditCode">The profile's credit code.</param>
    /// <param name="jurisdiction">The profile's jurisdiction.</param>
    /// <param name="industry">The profile's industry.</param>
    /// <param name="at">The instant.</param>
    public bool Covers(string owner, string creditCode, string jurisdiction, string industry, DateTimeOffset at) =>
        Active && ValidFrom <= at && at < ValidUntil && Owner == owner
        && (CreditCode is { } code
            ? code == creditCode
            : JurisdictionPrefix is { } prefix && jurisdiction.StartsWith(prefix, StringComparison.Ordinal) && IndustryPrefixes.Any(i => industry.StartsWith(i, StringComparison.Ordinal)));
}
