namespace CityRisk.Enterprises;

/// <summary>
/// The weights of the transparent risk score (docs/insurers.md, "Risk score"): points for the risk grade and the
/// flags, and the most points each indicator can add. <see cref="Standard"/> is the score every implementation
/// publishes; an insurer may price with its own weights offline.
/// </summary>
public sealed record RiskScoreWeights
{
    /// <summary>The weights CityRisk publishes scores with: at most 100 in all.</summary>
    public static RiskScoreWeights Standard { get; } = new();

    /// <summary>Points for risk grade Major.</summary>
    public double Major { get; init; } = 40;

    /// <summary>Points for risk grade Significant.</summary>
    public double Significant { get; init; } = 28;

    /// <summary>Points for risk grade General.</summary>
    public double General { get; init; } = 16;

    /// <summary>Points for risk grade Low.</summary>
    public double Low { get; init; } = 6;

    /// <summary>Points when the enterprise handles hazardous chemicals.</summary>
    public double HazardousChemicals { get; init; } = 8;

    /// <summary>Points when it has a major hazard source.</summary>
    public double MajorHazardSource { get; init; } = 8;

    /// <summary>Points at an overdue rate of 1 (scaled linearly; none when nothing was found).</summary>
    public double Overdue { get; init; } = 14;

    /// <summary>Points at a rectification rate of 0 (scaled linearly by 1 − the rate; none when nothing was found).</summary>
    public double Unrectified { get; init; } = 10;

    /// <summary>Points per major hidden danger, counted up to <see cref="MajorHiddenDangersCap"/>.</summary>
    public double PerMajorHiddenDanger { get; init; } = 2;

    /// <summary>The most major hidden dangers that add points.</summary>
    public int MajorHiddenDangersCap { get; init; } = 5;

    /// <summary>Points per accident per year per 100 employees, counted up to <see cref="AccidentRateCap"/>.</summary>
    public double PerAccidentRate { get; init; } = 5;

    /// <summary>The highest accident rate (per year per 100 employees) that adds points.</summary>
    public double AccidentRateCap { get; init; } = 2;
}
