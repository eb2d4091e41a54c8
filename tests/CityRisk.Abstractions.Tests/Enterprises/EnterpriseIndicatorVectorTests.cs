using System.Text.Json;
using System.Text.Json.Nodes;
using CityRisk.Enterprises;
using CityRisk.Testing.Shared;

namespace CityRisk.Tests.Enterprises;

/// <summary>
/// The indicator vectors (conformance/enterprise-indicators, docs/insurers.md "Vectors"): computed by an implementation
/// of docs/insurers.md written independently in Python, the .NET one gives the same rates (to 1e-12) and the same score.
/// </summary>
public sealed class EnterpriseIndicatorVectorTests
{
    public static TheoryData<string> Vectors { get; } =
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "conformance", "enterprise-indicators"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_period_gives_the_vectors_indicators_and_score(string file)
    {
        var vector = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "conformance", "enterprise-indicators", file)))!;
        var read = DocumentCodecs.Default.Get<EnterpriseRiskProfile>(DocumentFormat.CityRiskJson).Read(JsonSerializer.SerializeToUtf8Bytes(vector["profile"]));
        Assert.False(read.HasErrors, string.Join("; ", read.Problems));
        var profile = read.Value!;
        var expected = vector["expected"]!.AsArray();
        Assert.Equal(expected.Count, profile.Periods.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var values = EnterpriseIndicators.Compute(profile, profile.Periods[i]);
            var want = expected[i]!;
            Close((double?)want["rectificationRate"], values.RectificationRate, "rectificationRate");
            Close((double?)want["overdueRate"], values.OverdueRate, "overdueRate");
            Assert.Equal((int)want["majorHiddenDangers"]!, values.MajorHiddenDangers);
            Close((double?)want["accidentsPerYear"], values.AccidentsPerYear, "accidentsPerYear");
            Close((double?)want["accidentsPer100Employees"], values.AccidentsPer100Employees, "accidentsPer100Employees");
            Assert.Equal((double)want["riskScore"]!, values.RiskScore);
        }
    }

    [Fact]
    public void The_credit_code_check_character_follows_gb_32100()
    {
        // The standard's own example, and the demo's code.
        Assert.True(UnifiedSocialCreditCode.IsValid("91350100M000100Y43"));
        Assert.Equal('3', UnifiedSocialCreditCode.CheckCharacterOf("91350100M000100Y4"));
        Assert.True(UnifiedSocialCreditCode.IsValid("91440605MA4W7K8P38"));
        Assert.Contains("check character is '3'", UnifiedSocialCreditCode.Problem("91350100M000100Y44"), StringComparison.Ordinal);
        Assert.Contains("'O'", UnifiedSocialCreditCode.Problem("91350100M000100YO3"), StringComparison.Ordinal);
        Assert.Null(UnifiedSocialCreditCode.CheckCharacterOf("91350100M000100Y"));
    }

    private static void Close(double? expected, double? actual, string what)
    {
        Assert.True(expected is null == actual is null, $"{what}: expected {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, got {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");
        if (expected is { } e)
        {
            Assert.True(Math.Abs(e - actual!.Value) < 1e-12, $"{what}: expected {e}, got {actual}");
        }
    }
}
