namespace CityRisk.Hazards;

/// <summary>An indicator's status changed because of a reading.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Previous">The status before (null: normal).</param>
/// <param name="Current">The status now (null: normal).</param>
/// <param name="Reading">The reading that changed it: the one that crossed a threshold, or the one that completed the minimum duration clear.</param>
public sealed record IndicatorStatusChange(string IndicatorId, WarningLevel? Previous, WarningLevel? Current, IndicatorReading Reading);
