using System.Text;

namespace CityRisk.Testing.Tests;

/// <summary>docs/conformance.md lists every check with its rule: generated between markers, checked here.</summary>
public class DocsTests
{
    private const string Start = "<!-- checks:start -->";
    private const string End = "<!-- checks:end -->";

    [Fact]
    public void The_conformance_doc_lists_every_check_with_its_rule()
    {
        var path = Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "docs", "conformance.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} lacks the {Start} ... {End} markers");

        var table = new StringBuilder();
        table.AppendLine();
        table.AppendLine("| check | capability | rule | what it checks |");
        table.AppendLine("|---|---|---|---|");
        foreach (var check in ConformanceSuite.All)
        {
            table.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| {check.Id} | {check.Capability} | {check.Rule.Replace("|", "\\|", StringComparison.Ordinal)} | {check.Title.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        var expected = text[..(start + Start.Length)] + table + text[end..];
        if (Environment.GetEnvironmentVariable("CITYRISK_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        Assert.True(expected == text, "docs/conformance.md is out of step with the checks: run CITYRISK_UPDATE_DOCS=1 dotnet test and review the diff.");
    }

    [Fact]
    public void Every_rule_cites_a_section_of_the_protocol_the_kit_carries()
    {
        using var stream = typeof(ConformanceSuite).Assembly.GetManifestResourceStream("protocol.md");
        Assert.NotNull(stream);
        var protocol = new StreamReader(stream).ReadToEnd();
        Assert.Equal(File.ReadAllText(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "docs", "protocol.md")), protocol);

        foreach (var check in ConformanceSuite.All)
        {
            Assert.StartsWith("docs/protocol.md §", check.Rule, StringComparison.Ordinal);
            var sections = System.Text.RegularExpressions.Regex.Matches(check.Rule, @"§(\d+(?:\.\d+)*)").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(sections);
            foreach (var section in sections)
            {
                var defined = section.Contains('.', StringComparison.Ordinal)
                    ? protocol.Contains($"**{section}", StringComparison.Ordinal) || protocol.Contains($"- **{section}**", StringComparison.Ordinal)
                    : protocol.Contains($"\n## {section}. ", StringComparison.Ordinal);
                Assert.True(defined, $"{check.Id} cites §{section}, which docs/protocol.md does not define.");
            }
        }
    }
}
