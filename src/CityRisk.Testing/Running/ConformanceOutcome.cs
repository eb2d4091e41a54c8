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
}
