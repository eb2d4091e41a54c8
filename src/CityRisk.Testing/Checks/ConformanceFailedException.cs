namespace CityRisk.Testing;

/// <summary>A check found the endpoint breaking its rule: what was expected, what came back, and the check's id.</summary>
public sealed class ConformanceFailedException : Exception
{
    /// <summary>Creates a failure.</summary>
    /// <param name="expected">What the rule requires.</param>
    /// <param name="actual">What the endpoint did.</param>
    public ConformanceFailedException(string expected, string actual)
        : base($"expected {expected}; got {actual}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Creates a failure with a message only.</summary>
    /// <param name="message">What went wrong.</param>
    public ConformanceFailedException(string message)
        : base(message)
    {
        Expected = message;
        Actual = string.Empty;
    }

    /// <summary>Creates a failure with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConformanceFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = message;
        Actual = innerException?.Message ?? string.Empty;
    }

    /// <summary>Creates a failure without details.</summary>
    public ConformanceFailedException()
        : this("the check failed")
    {
    }

    /// <summary>What the rule requires.</summary>
    public string Expected { get; }

    /// <summary>What the endpoint did.</summary>
    public string Actual { get; }
}
