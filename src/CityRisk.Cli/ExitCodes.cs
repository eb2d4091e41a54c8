namespace CityRisk.Cli;

/// <summary>The exit codes every cityrisk command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was valid (warnings allowed) or done.</summary>
    public const int Success = 0;

    /// <summary>A document is invalid or unreadable (malformed, empty, truncated, wrong namespace, hostile), or could not be converted.</summary>
    public const int Invalid = 1;

    /// <summary>The command line is wrong, or a named file does not exist or cannot be opened.</summary>
    public const int Usage = 2;

    /// <summary><c>cityrisk conformance</c>: no check failed, but some could not run because the endpoint's transport kept failing.</summary>
    public const int Incomplete = 3;
}
