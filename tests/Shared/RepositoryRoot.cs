namespace CityRisk.Testing.Shared;

/// <summary>The checkout's root (the folder holding CityRisk.Sdk.sln), found from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CityRisk.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"The repository root (CityRisk.Sdk.sln) was not found above {AppContext.BaseDirectory}.");
    }
}
