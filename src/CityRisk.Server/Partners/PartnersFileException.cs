using CityRisk.Problems;

namespace CityRisk.Server.Partners;

/// <summary>A partners file that cannot be used, with every problem found in it.</summary>
public sealed class PartnersFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="problems">Every problem found.</param>
    public PartnersFileException(string path, IReadOnlyList<Problem> problems)
        : base($"The partners file '{path}' cannot be used:{Environment.NewLine}{string.Join(Environment.NewLine, (problems ?? []).Select(p => "  " + p))}")
    {
        Path = path;
        Problems = problems ?? [];
    }

    /// <summary>The file.</summary>
    public string Path { get; } = string.Empty;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Problem> Problems { get; } = [];
}
