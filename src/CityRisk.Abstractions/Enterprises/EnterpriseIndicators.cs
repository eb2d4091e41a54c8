using CityRisk.Hazards;

namespace CityRisk.Enterprises;

/// <summary>
/// The derived indicators insurers price from, computed identically everywhere (docs/insurers.md, "Indicators" and
/// "Risk score"; the vectors in conformance/enterprises/indicators fix the values). Pure: no clock, no I/O.
/// </summary>
public static class EnterpriseIndicators
{
    /// <summary>The indicators of a profile for one of its periods.</summary>
    /// <param name="profile">The profile (grade, flags, employees).</param>
    /// <param name="period">The period (one of the profile's).</param>
    /// <param name="weights">The score's weights; <see cref="RiskScoreWeights.Standard"/> when null.</param>
    /// <returns>The indicators.</returns>
    public static EnterpriseIndicatorValues Compute(EnterpriseRiskProfile profile, EnterprisePeriod period, RiskScoreWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(period);
        var w = weights ?? RiskScoreWeights.Standard;
        double? rectification = period.HiddenDangersFound > 0 ? (double)period.HiddenDangersRectified / period.HiddenDangersFound : null;
        double? overdue = period.HiddenDangersFound > 0 ? (double)period.HiddenDangersOverdue / period.HiddenDangersFound : null;
        var days = (period.To - period.From).TotalDays;
        var perYear = days > 0 ? period.Accidents * 365.0 / days : 0;
        double? per100 = profile.Employees > 0 ? perYear * 100.0 / profile.Employees : null;

        var score = profile.RiskGrade switch
        {
            RiskGrade.Major => w.Major,
            RiskGrade.Significant => w.Significant,
            RiskGrade.General => w.General,
            _ => w.Low,
        };
        score += profile.HazardousChemicals ? w.HazardousChemicals : 0;
        score += profile.MajorHazardSource ? w.MajorHazardSource : 0;
        score += w.Overdue * (overdue ?? 0);
        score += w.Unrectified * (rectification is { } r ? 1 - r : 0);
        score += w.PerMajorHiddenDanger * Math.Min(period.MajorHiddenDangers, w.MajorHiddenDangersCap);
        score += w.PerAccidentRate * Math.Min(per100 ?? 0, w.AccidentRateCap);
        return new EnterpriseIndicatorValues(rectification, overdue, period.MajorHiddenDangers, perYear, per100, Math.Round(Math.Min(100, score), 1, MidpointRounding.AwayFromZero));
    }

    /// <summary>The indicators of a profile's latest period (the one that ends last), or null when it has none.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="weights">The score's weights; <see cref="RiskScoreWeights.Standard"/> when null.</param>
    public static EnterpriseIndicatorValues? Latest(EnterpriseRiskProfile profile, RiskScoreWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Periods.Count == 0 ? null : Compute(profile, profile.Periods.OrderBy(p => p.To).Last(), weights);
    }
}
