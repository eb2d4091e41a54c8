namespace CityRisk.Tests;

/// <summary>Finds ../shared/vectors beside the repository, which tests read but never copy.</summary>
internal static class SharedVectors
{
    public static string? CapFolder { get; } = Find();

    public const string MissingReason = "../shared/vectors/cap is not beside this checkout; the public CAP corpus lives outside the repository.";

    public static string Cap(string file) => Path.Combine(CapFolder!, file);

    public static void SkipIfMissing() => Assert.SkipWhen(CapFolder is null, MissingReason);

    private static string? Find()
    {
        // CI and sessions clone the repository with shared/ beside it.
        var beside = Path.GetFullPath(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "..", "shared", "vectors", "cap"));
        return Directory.Exists(beside) ? beside : null;
    }
}
