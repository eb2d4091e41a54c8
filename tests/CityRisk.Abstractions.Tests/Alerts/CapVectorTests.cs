using System.Text.RegularExpressions;
using CityRisk.Alerts;
using CityRisk.Problems;

namespace CityRisk.Tests.Alerts;

/// <summary>
/// The project's own CAP vectors (Vectors/cap): each file states the problems it must produce in
/// <c>&lt;!-- expect: severity CODE PATH --&gt;</c> comments, and must produce exactly those.
/// </summary>
public partial class CapVectorTests
{
    public static TheoryData<string> Files { get; } = [.. Directory.GetFiles(TestFiles.CapVectors).Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Vector_produces_exactly_the_problems_it_states(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestFiles.CapVectors, file));
        var expected = ExpectComment().Matches(System.Text.Encoding.Latin1.GetString(bytes))
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}".TrimEnd())
            .Order()
            .ToList();

        var result = CapAlertReader.Read(bytes);

        var actual = result.Problems
            .Select(p => $"{(p.Severity == ProblemSeverity.Error ? "error" : "warning")} {p.Code} {p.Path}".TrimEnd())
            .Order()
            .ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"Expected:\n  {string.Join("\n  ", expected)}\nActual:\n  {string.Join("\n  ", result.Problems)}");
        Assert.Equal(file.StartsWith("invalid-", StringComparison.Ordinal), result.HasErrors);
    }

    [Fact]
    public void Every_problem_has_a_message_a_person_can_read()
    {
        foreach (var file in Files)
        {
            var result = CapAlertReader.Read(File.ReadAllBytes(Path.Combine(TestFiles.CapVectors, file)));
            Assert.All(result.Problems, p => Assert.True(p.Message.Length > 15 && char.IsUpper(p.Message[0]) || p.Message[0] is '\'' or '<', $"{file}: {p}"));
        }
    }

    [GeneratedRegex(@"<!-- expect: (error|warning) ([A-Z0-9-]+) ?([^ ]*) -->")]
    private static partial Regex ExpectComment();
}
