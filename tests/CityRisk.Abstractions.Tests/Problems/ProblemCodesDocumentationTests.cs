using System.Reflection;
using System.Text.RegularExpressions;
using CityRisk.Problems;

namespace CityRisk.Tests.Problems;

public partial class ProblemCodesDocumentationTests
{
    private static readonly string[] Codes = [.. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    private static string ErrorsDoc => File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "docs", "errors.md"));

    [Fact]
    public void Every_code_is_documented_in_errors_md()
    {
        var documented = DocumentedCode().Matches(ErrorsDoc).Select(m => m.Groups[1].Value).ToHashSet();
        var undocumented = Codes.Where(c => !documented.Contains(c)).ToList();
        Assert.True(undocumented.Count == 0, $"Not in docs/errors.md: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Errors_md_lists_no_code_that_does_not_exist()
    {
        var documented = DocumentedCode().Matches(ErrorsDoc).Select(m => m.Groups[1].Value);
        Assert.Empty(documented.Except(Codes));
    }

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        Assert.Equal(Codes.Length, Codes.Distinct().Count());
        Assert.All(Codes, c => Assert.Matches("^[A-Z]+(-[A-Z0-9]+)+$", c));
    }

    [GeneratedRegex(@"^\| `([A-Z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();
}
