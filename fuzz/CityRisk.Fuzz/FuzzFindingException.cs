namespace CityRisk.Fuzz;

/// <summary>An invariant a target checks was broken: afl-fuzz records the input as a crash.</summary>
internal sealed class FuzzFindingException : Exception
{
    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
