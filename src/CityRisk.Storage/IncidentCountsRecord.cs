namespace CityRisk.Storage;

/// <summary>The counts of one division (<see cref="IncidentTally"/> fixes the rules).</summary>
/// <param name="Division">The division's code, six digits.</param>
/// <param name="Reported">Incidents reported in the period.</param>
/// <param name="Closed">Of those, now Closed.</param>
/// <param name="Rejected">Of those, now Rejected.</param>
/// <param name="Merged">Of those, now Merged.</param>
/// <param name="Open">Of those, neither Closed, Rejected nor Merged.</param>
/// <param name="OpenOlder">Open ones reported at or before the query's <see cref="IncidentCountQuery.OpenOlderThan"/>.</param>
/// <param name="MedianSecondsToClose">The nearest-rank median of the closed ones' whole seconds from report to close; null when none closed.</param>
/// <param name="P90SecondsToClose">The nearest-rank 90th percentile of the same; null when none closed.</param>
public sealed record IncidentCountsRecord(string Division, long Reported, long Closed, long Rejected, long Merged, long Open, long OpenOlder, long? MedianSecondsToClose, long? P90SecondsToClose)
{
    /// <summary>Closed over what was left to close (reported less rejected and merged); 0 when nothing was.</summary>
    public double ClosureRate => Reported - Rejected - Merged is var due and > 0 ? (double)Closed / due : 0;
}
