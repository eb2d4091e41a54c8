namespace CityRisk.Hazards;

/// <summary>One indicator's status as the hub evaluates it.</summary>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="Level">Its status: null when normal.</param>
/// <param name="Newest">The observed-at of the newest reading judged in order, or null before the first.</param>
public sealed record IndicatorStatusReport(string IndicatorId, WarningLevel? Level, DateTimeOffset? Newest);
