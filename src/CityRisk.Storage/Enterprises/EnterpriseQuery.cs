namespace CityRisk.Storage;

/// <summary>
/// What <see cref="IEnterpriseStore.QueryEnterprisesAsync"/> selects: who reads (their own profiles, and as an insurer
/// what their grants in force cover), the filters, the order and the page.
/// </summary>
public sealed record EnterpriseQuery
{
    /// <summary>The reading partner.</summary>
    public required string Reader { get; init; }

    /// <summary>Whether the reader's own profiles are read (a regulator).</summary>
    public bool Own { get; init; }

    /// <summary>Whether the reader's grants in force at <see cref="At"/> are applied (an insurer).</summary>
    public bool AsInsurer { get; init; }

    /// <summary>The instant grants are judged at (the hub's clock).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Only the profiles of this credit code (of any owner the reader may read); null for any.</summary>
    public string? CreditCode { get; init; }

    /// <summary>Only industries starting with one of these; empty for any.</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];

    /// <summary>Only jurisdictions starting with one of these prefixes; empty for any.</summary>
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>Only these risk grades; empty for any.</summary>
    public IReadOnlyList<string> RiskGrades { get; init; } = [];

    /// <summary>Only scores at least this (a profile without a score is left out).</summary>
    public double? MinScore { get; init; }

    /// <summary>Only scores at most this (a profile without a score is left out).</summary>
    public double? MaxScore { get; init; }

    /// <summary>Only with (true) or without (false) hazardous chemicals.</summary>
    public bool? HazardousChemicals { get; init; }

    /// <summary>Only with (true) or without (false) a major hazard source.</summary>
    public bool? MajorHazardSource { get; init; }

    /// <summary>Only insured (true) or uninsured (false).</summary>
    public bool? Insured { get; init; }

    /// <summary>Highest score first (no score last; ties by owner, then credit code), else by credit code, then owner.</summary>
    public bool ByScore { get; init; } = true;

    /// <summary>Only profiles after this one in the order (the last of the previous page); null for the first page.</summary>
    public EnterprisePosition? After { get; init; }

    /// <summary>The most profiles to return.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Whether each record carries its periods (the export); without, <see cref="EnterpriseFacts.Periods"/> is empty.</summary>
    public bool WithPeriods { get; init; }

    /// <summary>Whether each record carries its latest revision's envelope (<see cref="EnterpriseRecord.Envelope"/>).</summary>
    public bool WithEnvelope { get; init; }

    /// <summary>Whether a profile's facts pass the filters (not who may read it; not the page).</summary>
    /// <param name="facts">The facts.</param>
    public bool Admits(EnterpriseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return (CreditCode is null || facts.Id == CreditCode)
            && (Industries.Count == 0 || Industries.Any(i => facts.Industry.StartsWith(i, StringComparison.Ordinal)))
            && (Jurisdictions.Count == 0 || Jurisdictions.Any(j => facts.Jurisdiction.StartsWith(j, StringComparison.Ordinal)))
            && (RiskGrades.Count == 0 || RiskGrades.Contains(facts.RiskGrade, StringComparer.Ordinal))
            && (MinScore is not { } min || facts.RiskScore >= min)
            && (MaxScore is not { } max || facts.RiskScore <= max)
            && (HazardousChemicals is not { } chemicals || facts.HazardousChemicals == chemicals)
            && (MajorHazardSource is not { } major || facts.MajorHazardSource == major)
            && (Insured is not { } insured || facts.Insured == insured);
    }

    /// <summary>Orders two positions as the query does: by score (highest first, none last) or credit code, then owner and credit code.</summary>
    /// <param name="x">One position.</param>
    /// <param name="y">The other.</param>
    /// <returns>Negative when <paramref name="x"/> comes first.</returns>
    public int Compare(EnterprisePosition x, EnterprisePosition y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (ByScore)
        {
            var byScore = (y.Score ?? -1).CompareTo(x.Score ?? -1);
            if (byScore != 0)
            {
                return byScore;
            }

            var byOwner = string.CompareOrdinal(x.Owner, y.Owner);
            return byOwner != 0 ? byOwner : string.CompareOrdinal(x.Id, y.Id);
        }

        var byId = string.CompareOrdinal(x.Id, y.Id);
        return byId != 0 ? byId : string.CompareOrdinal(x.Owner, y.Owner);
    }
}

/// <summary>A profile's place in a query's order: its score (null without one; a score is never negative), owner and credit code.</summary>
/// <param name="Score">Its risk score, or null.</param>
/// <param name="Owner">Its owner.</param>
/// <param name="Id">Its credit code.</param>
public sealed record EnterprisePosition(double? Score, string Owner, string Id)
{
    /// <summary>The place of a profile with these facts: its latest risk score, owner and credit code.</summary>
    /// <param name="facts">The profile's facts.</param>
    /// <returns>Its position.</returns>
    public static EnterprisePosition Of(EnterpriseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new(facts.RiskScore, facts.Owner, facts.Id);
    }
}
