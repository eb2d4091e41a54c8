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
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors", "cap");
            if (Directory.Exists(candidate) && dir.GetDirectories(".git").Length == 0)
            {
                return candidate;
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")))
            {
                var beside = Path.Combine(dir.FullName, "..", "shared", "vectors", "cap");
                return Directory.Exists(beside) ? Path.GetFullPath(beside) : null;
            }
        }

        return null;
    }
}
