namespace CityRisk.Testing;

/// <summary>A check that cannot run against this endpoint, with the reason (never a silent pass).</summary>
public sealed class ConformanceSkippedException : Exception
{
    /// <summary>Creates a skip with its reason.</summary>
    /// <param name="reason">Why the check cannot run.</param>
    public ConformanceSkippedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates a skip with its reason and a cause.</summary>
    /// <param name="reason">Why the check cannot run.</param>
    /// <param name="innerException">The cause.</param>
    public ConformanceSkippedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>Creates a skip without a reason.</summary>
    public ConformanceSkippedException()
        : this("skipped")
    {
    }
}
