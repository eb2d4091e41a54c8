namespace CityRisk.Problems;

/// <summary>Queries over lists of problems.</summary>
public static class ProblemExtensions
{
    /// <summary>Whether any of the problems is an error.</summary>
    /// <param name="problems">The problems to look at.</param>
    /// <returns><see langword="true"/> when at least one problem has severity <see cref="ProblemSeverity.Error"/>.</returns>
    public static bool HasErrors(this IEnumerable<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            if (problem.Severity == ProblemSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }
}
