namespace CityRisk.Cli;

/// <summary>How the CLI takes its input files.</summary>
internal static class InputFiles
{
    /// <summary>The largest file the CLI reads; the readers' own limit is the same.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The path that means standard input.</summary>
    public const string StandardInput = "-";
}
