namespace CityRisk.Enterprises;

/// <summary>
/// What the regulator found at an enterprise over one reporting period [<see cref="From"/>, <see cref="To"/>): the
/// figures insurers price from (docs/insurers.md). Periods of one profile never overlap.
/// </summary>
public sealed record EnterprisePeriod
{
    /// <summary>The period's start, inclusive, with its offset.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The period's end, exclusive, with its offset; after <see cref="From"/>.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Safety inspections of the enterprise in the period.</summary>
    public required int Inspections { get; init; }

    /// <summary>Hidden dangers (安全隐患) found in the period.</summary>
    public required int HiddenDangersFound { get; init; }

    /// <summary>Of those found, rectified by the end of the period; at most <see cref="HiddenDangersFound"/>.</summary>
    public required int HiddenDangersRectified { get; init; }

    /// <summary>Of those not rectified, past their rectification deadline; at most found minus rectified.</summary>
    public required int HiddenDangersOverdue { get; init; }

    /// <summary>Of those found, major hidden dangers (重大事故隐患); at most <see cref="HiddenDangersFound"/>.</summary>
    public required int MajorHiddenDangers { get; init; }

    /// <summary>Administrative penalties decided in the period.</summary>
    public required int Penalties { get; init; }

    /// <summary>Production safety accidents in the period.</summary>
    public required int Accidents { get; init; }

    /// <summary>People killed in those accidents.</summary>
    public int Deaths { get; init; }

    /// <summary>People injured in those accidents.</summary>
    public int Injuries { get; init; }
}
