namespace CityRisk.Problems;

/// <summary>
/// One thing wrong with a document: how serious it is, a stable code, where it is and what it means.
/// </summary>
/// <param name="Severity">Whether the problem makes the document invalid.</param>
/// <param name="Code">A stable code such as <c>CAP-POLYGON-NOT-CLOSED</c>; every code is listed in docs/errors.md.</param>
/// <param name="Path">Where the problem is, in CAP element names: <c>info[0].area[1].polygon[0]</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong and why, for a person.</param>
public sealed record Problem(ProblemSeverity Severity, string Code, string Path, string Message)
{
    /// <summary>Creates an error.</summary>
    /// <param name="code">The stable problem code.</param>
    /// <param name="path">Where the problem is.</param>
    /// <param name="message">What is wrong and why.</param>
    /// <returns>The problem.</returns>
    public static Problem Error(string code, string path, string message) => new(ProblemSeverity.Error, code, path, message);

    /// <summary>Creates a warning.</summary>
    /// <param name="code">The stable problem code.</param>
    /// <param name="path">Where the problem is.</param>
    /// <param name="message">What is wrong and why.</param>
    /// <returns>The problem.</returns>
    public static Problem Warning(string code, string path, string message) => new(ProblemSeverity.Warning, code, path, message);

    /// <summary>Formats the problem as <c>error CODE PATH: MESSAGE</c>, the form the CLI prints.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString()
    {
        var severity = Severity == ProblemSeverity.Error ? "error" : "warning";
        return Path.Length == 0 ? $"{severity} {Code}: {Message}" : $"{severity} {Code} {Path}: {Message}";
    }
}
