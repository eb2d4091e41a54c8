namespace CityRisk.Storage;

/// <summary>One reporting period of a profile with the indicators the hub computed for it (docs/insurers.md, "Indicators").</summary>
public sealed record EnterprisePeriodFacts
{
    /// <summary>The period's start, as the document states it (RFC 3339 with its offset).</summary>
    public required string From { get; init; }

    /// <summary>The period's end, exclusive, as the document states it.</summary>
    public required string To { get; init; }

    /// <summary>Inspections.</summary>
    public required int Inspections { get; init; }

    /// <summary>Hidden dangers found.</summary>
    public required int HiddenDangersFound { get; init; }

    /// <summary>Of those, rectified.</summary>
    public required int HiddenDangersRectified { get; init; }

    /// <summary>Of those not rectified, overdue.</summary>
    public required int HiddenDangersOverdue { get; init; }

    /// <summary>Major hidden dangers.</summary>
    public required int MajorHiddenDangers { get; init; }

    /// <summary>Administrative penalties.</summary>
    public required int Penalties { get; init; }

    /// <summary>Accidents.</summary>
    public required int Accidents { get; init; }

    /// <summary>Deaths.</summary>
    public required int Deaths { get; init; }

    /// <summary>Injuries.</summary>
    public required int Injuries { get; init; }

    /// <summary>Rectified over found; null when none were found.</summary>
    public double? RectificationRate { get; init; }

    /// <summary>Overdue over found; null when none were found.</summary>
    public double? OverdueRate { get; init; }

    /// <summary>Accidents per 365 days.</summary>
    public required double AccidentsPerYear { get; init; }

    /// <summary>Accidents per year per 100 employees; null without employees.</summary>
    public double? AccidentsPer100Employees { get; init; }

    /// <summary>The period's risk score.</summary>
    public required double RiskScore { get; init; }
}
