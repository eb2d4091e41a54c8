namespace CityRisk.Storage;

/// <summary>One audited read of a profile by an insurer (docs/insurers.md, "Audit").</summary>
public sealed record EnterpriseRead
{
    /// <summary>Its sequence number, given by the store when it is recorded (0 before).</summary>
    public long Sequence { get; init; }

    /// <summary>When it was read (the hub's clock).</summary>
    public required DateTimeOffset ReadAt { get; init; }

    /// <summary>The reading insurer.</summary>
    public required string Insurer { get; init; }

    /// <summary>The profile's owner.</summary>
    public required string Owner { get; init; }

    /// <summary>The profile's credit code.</summary>
    public required string CreditCode { get; init; }

    /// <summary>The revision read.</summary>
    public required long Revision { get; init; }

    /// <summary>The grant's id (its owner is the profile's).</summary>
    public required string GrantId { get; init; }

    /// <summary>The grant's revision at the read.</summary>
    public required long GrantRevision { get; init; }

    /// <summary>How it was read: <c>get</c>, <c>query</c> or <c>export</c>.</summary>
    public required string Via { get; init; }
}
