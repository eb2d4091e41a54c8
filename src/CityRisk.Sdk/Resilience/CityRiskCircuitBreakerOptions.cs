namespace CityRisk.Client;

/// <summary>
/// The circuit breaker: when too many calls to a hub fail with UNAVAILABLE or DEADLINE_EXCEEDED, calls fail at once
/// (UNAVAILABLE, "circuit open") for a while instead of piling up on a hub that is down; then one call probes it.
/// </summary>
public sealed class CityRiskCircuitBreakerOptions
{
    /// <summary>Whether the breaker is on. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of failed calls, within <see cref="SamplingDuration"/>, that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How many calls the sampling window must hold before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a probe. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    internal IEnumerable<string> Problems(string path)
    {
        if (FailureRatio is <= 0 or > 1)
        {
            yield return $"{path}.FailureRatio is {FailureRatio}; it must be above 0 and at most 1.";
        }

        if (MinimumThroughput < 2)
        {
            yield return $"{path}.MinimumThroughput is {MinimumThroughput}; it must be at least 2.";
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{path}.SamplingDuration is {SamplingDuration}; it must be at least 0.5 s.";
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{path}.BreakDuration is {BreakDuration}; it must be at least 0.5 s.";
        }
    }
}
