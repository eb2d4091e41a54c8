using CityRisk.Alerts;
using CityRisk.Problems;

namespace CityRisk.Tests.Alerts;

public class SharedCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        SharedVectors.SkipIfMissing();
        foreach (var file in Directory.GetFiles(SharedVectors.CapFolder!).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order())
        {
            var result = CapAlertReader.Read(File.ReadAllBytes(file));
            output.WriteLine($"== {Path.GetFileName(file)} value={(result.Value is null ? "null" : "yes")} errors={result.HasErrors}");
            foreach (var p in result.Problems) output.WriteLine("   " + p);
        }
    }
}
