using System.Runtime.CompilerServices;
using CityRisk.Alerts;
using CityRisk.Json;

namespace CityRisk.Tests.Docs;

/// <summary>README's code is compiled here and run; a test checks README shows exactly this code.</summary>
public class ReadmeSnippetTests
{
    [Fact]
    public void Readme_snippet_runs()
    {
        var path = Path.Combine(TestFiles.Samples, "foshan-typhoon.xml");
        using var console = new StringWriter();

        #region Snippet:ReadConvert
        var read = CapAlertReader.Read(File.ReadAllBytes(path));
        foreach (var problem in read.Problems)
        {
            console.WriteLine(problem);   // error CAP-POLYGON-NOT-CLOSED info[0].area[0].polygon[0]: ...
        }

        if (read.Succeeded)
        {
            var alert = read.Value!;
            console.WriteLine($"{alert.Info[0].Level} {alert.Info[0].Domain}");   // Orange NaturalDisaster
            byte[] json = CityRiskJson.Write(alert, indented: true);
            byte[] cap = CapAlertWriter.Write(alert).Value!;                       // CAP 1.2, UTF-8
        }
        #endregion

        Assert.Equal("Orange NaturalDisaster", console.ToString().Trim());
    }

    [Fact]
    public void Readme_shows_the_compiled_snippet()
    {
        var source = File.ReadAllLines(ThisFile());
        var start = Array.FindIndex(source, l => l.Trim() == "#region Snippet:ReadConvert") + 1;
        var end = Array.FindIndex(source, l => l.Trim() == "#endregion");
        var snippet = string.Join("\n", source[start..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()))
            .Replace("console.WriteLine", "Console.WriteLine", StringComparison.Ordinal);

        var readme = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(snippet, readme, StringComparison.Ordinal);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
