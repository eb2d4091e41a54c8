namespace CityRisk.Storage;

/// <summary>The ledger refused a pooling step; nothing of it was written (the message neither).</summary>
public sealed class PoolStepRefusedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="refusal">Why.</param>
    /// <param name="message">What was refused and what is left, for the caller.</param>
    public PoolStepRefusedException(PoolRefusal refusal, string message)
        : base(message)
    {
        Refusal = refusal;
    }

    /// <summary>Creates a refusal of the arithmetic.</summary>
    public PoolStepRefusedException()
        : this(PoolRefusal.FailedPrecondition, "The pool refused the step.")
    {
    }

    /// <summary>Creates a refusal of the arithmetic.</summary>
    /// <param name="message">What was refused.</param>
    public PoolStepRefusedException(string message)
        : this(PoolRefusal.FailedPrecondition, message)
    {
    }

    /// <summary>Creates a refusal of the arithmetic.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="innerException">The cause.</param>
    public PoolStepRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Refusal = PoolRefusal.FailedPrecondition;
    }

    /// <summary>Why.</summary>
    public PoolRefusal Refusal { get; }
}
