namespace CityRisk.Enterprises;

/// <summary>
/// The derived indicators of one enterprise and reporting period (docs/insurers.md, "Indicators"), computed the same
/// way by the SDK offline and by the hub (<see cref="EnterpriseIndicators.Compute"/>).
/// </summary>
/// <param name="RectificationRate">Rectified ÷ found, 0 to 1; null when nothing was found.</param>
/// <param name="OverdueRate">Overdue ÷ found, 0 to 1; null when nothing was found.</param>
/// <param name="MajorHiddenDangers">Major hidden dangers found in the period.</param>
/// <param name="AccidentsPerYear">Accidents scaled to a year: accidents × 365 ÷ the period's days.</param>
/// <param name="AccidentsPer100Employees">Accidents per year per 100 employees; null without employees.</param>
/// <param name="RiskScore">The risk score, 0 (lowest) to 100, to one decimal (<see cref="RiskScoreWeights"/>).</param>
public sealed record EnterpriseIndicatorValues(double? RectificationRate, double? OverdueRate, int MajorHiddenDangers, double AccidentsPerYear, double? AccidentsPer100Employees, double RiskScore);
