using System.Xml.Linq;
using CityRisk.Testing.Shared;

namespace CityRisk.Protocol.Tests;

/// <summary>
/// Shipped packages use each other through public API only: NuGet dependencies are ">=", so a partner who upgrades
/// one package alone must not break another that reached into its internals.
/// </summary>
public class PackageBoundaryTests
{
    [Fact]
    public void No_shipped_package_grants_its_internals_to_another()
    {
        var projects = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => (Path: path, Xml: XDocument.Load(path)))
            .ToList();
        Assert.NotEmpty(projects);
        // A shipped package is known by its project name and by its assembly name (the tool is "cityrisk").
        var shipped = projects
            .SelectMany(p => new[] { Path.GetFileNameWithoutExtension(p.Path), p.Xml.Descendants("AssemblyName").FirstOrDefault()?.Value })
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var grants = projects
            .SelectMany(p => p.Xml.Descendants("InternalsVisibleTo").Select(i => (Project: Path.GetFileName(p.Path), To: (string?)i.Attribute("Include") ?? string.Empty)))
            .Where(g => shipped.Contains(g.To))
            .Select(g => $"{g.Project} -> {g.To}")
            .ToList();

        Assert.True(grants.Count == 0, $"Shipped packages grant InternalsVisibleTo to shipped packages: {string.Join(", ", grants)}");
    }
}
