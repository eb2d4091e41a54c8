namespace CityRisk.Enterprises;

/// <summary>A reporting period with the indicators computed for it (<see cref="EnterpriseIndicators.Compute"/>).</summary>
/// <param name="Period">The period.</param>
/// <param name="Values">Its indicators and risk score.</param>
public sealed record EnterprisePeriodIndicators(EnterprisePeriod Period, EnterpriseIndicatorValues Values);
