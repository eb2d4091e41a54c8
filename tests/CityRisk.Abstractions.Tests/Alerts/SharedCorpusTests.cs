using CityRisk.Alerts;

namespace CityRisk.Tests.Alerts;

/// <summary>The public CAP corpus in ../shared/vectors/cap gets the verdicts its MANIFEST.md gives.</summary>
public class SharedCorpusTests
{
    public static TheoryData<string, string> Manifest { get; } = ReadManifest();

    [Theory]
    [MemberData(nameof(Manifest))]
    public void Corpus_file_gets_the_manifest_verdict(string file, string expected)
    {
        SharedVectors.SkipIfMissing();
        var result = CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap(file)));

        var shouldBeInvalid = expected.Contains("invalid", StringComparison.OrdinalIgnoreCase) || expected.Contains("hostile", StringComparison.OrdinalIgnoreCase);
        Assert.True(shouldBeInvalid == result.HasErrors, $"{file} ({expected}): {string.Join("; ", result.Problems)}");
        if (expected.StartsWith("hostile", StringComparison.Ordinal))
        {
            Assert.Null(result.Value);
        }
    }

    [Fact]
    public void Hostile_document_is_refused_as_a_DTD_without_resolving_anything()
    {
        SharedVectors.SkipIfMissing();
        var result = CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap("google_xee.cap")));
        var problem = Assert.Single(result.Problems);
        Assert.Equal("XML-DTD-PROHIBITED", problem.Code);
    }

    [Fact]
    public void Invalid_corpus_files_name_the_problems_the_manifest_describes()
    {
        SharedVectors.SkipIfMissing();
        Assert.Contains(CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap("google_canada_errors.cap"))).Problems, p => p.Code == "CAP-REFERENCES-EMPTY");
        Assert.Contains(CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap("google_invalid.cap"))).Problems, p => p.Code == "CAP-REQUIRED-MISSING" && p.Path == "scope");
        var noaa = CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap("google_noaa_errors.cap"))).Problems;
        Assert.Contains(noaa, p => p.Code == "CAP-POLYGON-SYNTAX");
        Assert.Contains(noaa, p => p.Code == "CAP-POLYGON-TOO-FEW-POINTS");
    }

    private static TheoryData<string, string> ReadManifest()
    {
        var data = new TheoryData<string, string>();
        if (SharedVectors.CapFolder is null)
        {
            // Keeps the theory visible (and skipped with a reason) when the corpus is absent.
            data.Add("(corpus missing)", "valid");
            return data;
        }

        foreach (var line in File.ReadLines(Path.Combine(SharedVectors.CapFolder, "MANIFEST.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length >= 5 && (cells[1].EndsWith(".cap", StringComparison.Ordinal) || cells[1].EndsWith(".xml", StringComparison.Ordinal)))
            {
                data.Add(cells[1], cells[3]);
            }
        }

        return data;
    }
}
