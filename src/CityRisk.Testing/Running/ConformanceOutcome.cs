namespace CityRisk.Testing;

/// <summary>How a check ended.</summary>
public enum ConformanceOutcome
{
    /// <summary>The endpoint follows the rule.</summary>
    Passed,

    /// <summary>The endpoint breaks the rule.</summary>
    Failed,

    /// <summary>The check could not run here; the result says why.</summary>
    Skipped,

    /// <summary>
    /// The check could not complete because the transport kept failing (a broken connection, a reset stream,
    /// UNAVAILABLE) on every attempt: no verdict on the rule either way.
    /// </summary>
    CouldNotRun,
}
