namespace CityRisk.Incidents;

/// <summary>The counts of one division, as the hub computed them over what the caller may see (docs/incidents.md, "Statistics").</summary>
/// <param name="Jurisdiction">The division's GB/T 2260 code.</param>
/// <param name="Reported">Incidents reported in the period, whatever their state now.</param>
/// <param name="Closed">Of those, now Closed.</param>
/// <param name="Rejected">Of those, now Rejected.</param>
/// <param name="Merged">Of those, now Merged.</param>
/// <param name="Open">Of those, still open.</param>
/// <param name="ClosureRate">Closed over reported less rejected and merged; 0 when nothing was left to close.</param>
/// <param name="MedianTimeToClose">The nearest-rank median time from report to close, whole seconds; null when none closed.</param>
/// <param name="P90TimeToClose">The nearest-rank 90th percentile of the same; null when none closed.</param>
/// <param name="OpenOlderThan">Open ones reported at least the query's age before its as-of instant.</param>
public sealed record IncidentCountsReport(string Jurisdiction, long Reported, long Closed, long Rejected, long Merged, long Open, double ClosureRate, TimeSpan? MedianTimeToClose, TimeSpan? P90TimeToClose, long OpenOlderThan);
