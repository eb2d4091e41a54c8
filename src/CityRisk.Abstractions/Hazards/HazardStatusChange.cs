namespace CityRisk.Hazards;

/// <summary>A hazard's status (the highest of its indicators') changed.</summary>
/// <param name="Previous">The hazard's status before (null: normal).</param>
/// <param name="Current">Its status now (null: normal).</param>
/// <param name="Action">What the change asks of its warning.</param>
/// <param name="Cause">The indicator change that caused it, with the reading.</param>
public sealed record HazardStatusChange(WarningLevel? Previous, WarningLevel? Current, HazardAlertAction Action, IndicatorStatusChange Cause);
