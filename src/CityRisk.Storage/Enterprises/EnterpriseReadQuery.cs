namespace CityRisk.Storage;

/// <summary>What <see cref="IEnterpriseStore.QueryReadsAsync"/> selects: reads of one owner's profiles, newest first.</summary>
public sealed record EnterpriseReadQuery
{
    /// <summary>The profiles' owner (the asking regulator).</summary>
    public required string Owner { get; init; }

    /// <summary>Only reads of this credit code; null for any.</summary>
    public string? CreditCode { get; init; }

    /// <summary>Only reads by this insurer; null for any.</summary>
    public string? Insurer { get; init; }

    /// <summary>Only reads at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only reads before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only reads with a sequence below this (the last of the previous page); null for the first page.</summary>
    public long? BeforeSequence { get; init; }

    /// <summary>The most reads to return.</summary>
    public int Limit { get; init; } = 100;
}
