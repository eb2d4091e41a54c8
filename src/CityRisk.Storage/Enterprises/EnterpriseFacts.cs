namespace CityRisk.Storage;

/// <summary>
/// What queries and the export need of an enterprise profile's current revision (docs/insurers.md); the hub derives it
/// (indicators included) and the store indexes it without parsing anything.
/// </summary>
public sealed record EnterpriseFacts
{
    /// <summary>The regulator that owns the profile.</summary>
    public required string Owner { get; init; }

    /// <summary>The profile's id: the enterprise's unified social credit code.</summary>
    public required string Id { get; init; }

    /// <summary>The revision these facts are of.</summary>
    public required long Revision { get; init; }

    /// <summary>The enterprise's name (its zh-CN text when it has one, else its first).</summary>
    public required string Name { get; init; }

    /// <summary>Its GB/T 4754-2017 code.</summary>
    public required string Industry { get; init; }

    /// <summary>Its six-digit GB/T 2260 code.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Its address, or empty.</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>Its location's longitude.</summary>
    public required double Longitude { get; init; }

    /// <summary>Its location's latitude.</summary>
    public required double Latitude { get; init; }

    /// <summary>Its employees.</summary>
    public required int Employees { get; init; }

    /// <summary>Whether it produces, stores or uses hazardous chemicals.</summary>
    public required bool HazardousChemicals { get; init; }

    /// <summary>Whether it has a major hazard source.</summary>
    public required bool MajorHazardSource { get; init; }

    /// <summary>Its risk grade's name (Major, Significant, General, Low).</summary>
    public required string RiskGrade { get; init; }

    /// <summary>Whether it is insured.</summary>
    public required bool Insured { get; init; }

    /// <summary>Its insurer (a partner id), or empty.</summary>
    public string Insurer { get; init; } = string.Empty;

    /// <summary>When the revision was made, as the document states it (RFC 3339 with its offset).</summary>
    public required string UpdatedAt { get; init; }

    /// <summary>The risk score of its latest period; null without a period.</summary>
    public double? RiskScore { get; init; }

    /// <summary>Its periods with their indicators, oldest first.</summary>
    public IReadOnlyList<EnterprisePeriodFacts> Periods { get; init; } = [];
}
