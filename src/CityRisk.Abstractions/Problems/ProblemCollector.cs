namespace CityRisk.Problems;

/// <summary>Gathers problems while a reader or validator walks a document.</summary>
internal sealed class ProblemCollector
{
    private List<Problem>? _problems;

    public IReadOnlyList<Problem> Problems => _problems is null ? [] : _problems;

    public bool HasErrors { get; private set; }

    public void Add(Problem problem)
    {
        (_problems ??= []).Add(problem);
        HasErrors |= problem.Severity == ProblemSeverity.Error;
    }

    public void Error(string code, string path, string message) => Add(Problem.Error(code, path, message));

    public void Warning(string code, string path, string message) => Add(Problem.Warning(code, path, message));

    public void AddRange(IEnumerable<Problem> problems)
    {
        foreach (var problem in problems)
        {
            Add(problem);
        }
    }

    /// <summary>A collector with only the problems that pass a filter.</summary>
    public ProblemCollector Keep(Func<Problem, bool> keep)
    {
        var kept = new ProblemCollector();
        kept.AddRange(Problems.Where(keep));
        return kept;
    }

    /// <summary>Whether an error was already reported at <paramref name="path"/> or inside it.</summary>
    public bool HasErrorAt(string path)
    {
        if (_problems is null)
        {
            return false;
        }

        foreach (var problem in _problems)
        {
            if (problem.Severity == ProblemSeverity.Error && Covers(path, problem.Path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an error at <paramref name="found"/> already explains one at <paramref name="path"/>: the same place or inside it.</summary>
    private static bool Covers(string path, string found) =>
        found == path || (found.Length > path.Length && found.StartsWith(path, StringComparison.Ordinal) && found[path.Length] is '[' or '.');
}
