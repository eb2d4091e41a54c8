using System.Globalization;
using System.Text;
using System.Xml;

namespace CityRisk.Testing;

/// <summary>Reports of a run: markdown for people, JUnit XML for CI systems.</summary>
public static class ConformanceReport
{
    /// <summary>A markdown report: totals, then one row per check with its rule and, on failure, expected versus actual.</summary>
    /// <param name="endpoint">The endpoint that was checked.</param>
    /// <param name="results">The results.</param>
    public static string Markdown(Uri endpoint, IReadOnlyList<ConformanceResult> results)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# CityRisk conformance report: {endpoint}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Totals(results)}, of {results.Count} checks.");
        text.AppendLine();
        text.AppendLine("| check | capability | outcome | rule | what | details |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Check.Id} | {result.Check.Capability} | {Word(result.Outcome)} | {Cell(result.Check.Rule)} | {Cell(result.Check.Title)} | {Cell(result.Message)} |");
        }

        return text.ToString();
    }

    /// <summary>A JUnit XML report: one test suite per capability, one test case per check.</summary>
    /// <param name="endpoint">The endpoint that was checked.</param>
    /// <param name="results">The results.</param>
    public static string JUnit(Uri endpoint, IReadOnlyList<ConformanceResult> results)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(results);
        // UTF-8, and declared so: the report is written to a file and read by CI systems.
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", $"CityRisk conformance: {endpoint}");
            xml.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", Count(results, ConformanceOutcome.Failed).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("errors", Count(results, ConformanceOutcome.CouldNotRun).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("skipped", Count(results, ConformanceOutcome.Skipped).ToString(CultureInfo.InvariantCulture));
            foreach (var group in results.GroupBy(r => r.Check.Capability))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", group.Key.ToString());
                xml.WriteAttributeString("tests", group.Count().ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("failures", group.Count(r => r.Outcome == ConformanceOutcome.Failed).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("errors", group.Count(r => r.Outcome == ConformanceOutcome.CouldNotRun).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("skipped", group.Count(r => r.Outcome == ConformanceOutcome.Skipped).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("time", group.Sum(r => r.Duration.TotalSeconds).ToString("F3", CultureInfo.InvariantCulture));
                foreach (var result in group)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", $"CityRisk.Conformance.{group.Key}");
                    xml.WriteAttributeString("name", $"{result.Check.Id} {result.Check.Title}");
                    xml.WriteAttributeString("time", result.Duration.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture));
                    if (result.Outcome == ConformanceOutcome.Failed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", $"{result.Check.Id} ({result.Check.Rule}): {result.Message}");
                        xml.WriteString(result.Message);
                        xml.WriteEndElement();
                    }
                    else if (result.Outcome == ConformanceOutcome.CouldNotRun)
                    {
                        // JUnit's own distinction: an error is a test that could not complete, not an assertion that failed.
                        xml.WriteStartElement("error");
                        xml.WriteAttributeString("message", $"{result.Check.Id}: {result.Message}");
                        xml.WriteString(result.Message);
                        xml.WriteEndElement();
                    }
                    else if (result.Outcome == ConformanceOutcome.Skipped)
                    {
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", result.Message);
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The totals of a run: <c>40 passed, 1 failed, 0 skipped, 0 could not run</c>.</summary>
    /// <param name="results">The results.</param>
    public static string Totals(IReadOnlyList<ConformanceResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Count(results, ConformanceOutcome.Passed)} passed, {Count(results, ConformanceOutcome.Failed)} failed, {Count(results, ConformanceOutcome.Skipped)} skipped, {Count(results, ConformanceOutcome.CouldNotRun)} could not run");
    }

    /// <summary>One line for a result: <c>PASS  PUB-002 ...</c>, with the failure, skip or transport reason (<c>ERROR</c>: could not run).</summary>
    /// <param name="result">The result.</param>
    public static string Line(ConformanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = $"{Word(result.Outcome).ToUpperInvariant(),-5} {result.Check.Id,-40} {result.Check.Title}";
        return result.Outcome == ConformanceOutcome.Passed ? line : $"{line}\n     {result.Check.Rule}: {result.Message}";
    }

    private static int Count(IEnumerable<ConformanceResult> results, ConformanceOutcome outcome) => results.Count(r => r.Outcome == outcome);

    private static string Word(ConformanceOutcome outcome) => outcome switch
    {
        ConformanceOutcome.Passed => "pass",
        ConformanceOutcome.Failed => "fail",
        ConformanceOutcome.CouldNotRun => "error",
        _ => "skip",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
