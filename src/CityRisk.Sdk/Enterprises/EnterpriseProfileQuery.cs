namespace CityRisk.Enterprises;

/// <summary>Which enterprise profiles to read (docs/insurers.md, "Queries"); every condition set must hold, an unset one selects anything.</summary>
public sealed record EnterpriseProfileQuery
{
    /// <summary>GB/T 4754-2017 codes; an industry starting with one of them matches (C26 covers C2614).</summary>
    public IReadOnlyList<string>? Industries { get; init; }

    /// <summary>Six-digit GB/T 2260 divisions, each with its sub-divisions (440600 covers every 4406xx).</summary>
    public IReadOnlyList<string>? Jurisdictions { get; init; }

    /// <summary>Risk grades.</summary>
    public IReadOnlyList<CityRisk.Hazards.RiskGrade>? RiskGrades { get; init; }

    /// <summary>The least risk score (0 to 100); a profile without a score does not match.</summary>
    public double? MinScore { get; init; }

    /// <summary>The greatest risk score (0 to 100); a profile without a score does not match.</summary>
    public double? MaxScore { get; init; }

    /// <summary>With (true) or without (false) hazardous chemicals.</summary>
    public bool? HazardousChemicals { get; init; }

    /// <summary>With (true) or without (false) a major hazard source.</summary>
    public bool? MajorHazardSource { get; init; }

    /// <summary>Insured (true) or not (false).</summary>
    public bool? Insured { get; init; }

    /// <summary>The order; the export is always by credit code.</summary>
    public EnterpriseOrder OrderBy { get; init; }
}
