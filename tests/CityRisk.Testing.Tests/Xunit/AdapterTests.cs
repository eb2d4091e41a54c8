using System.Reflection;

namespace CityRisk.Testing.Tests.Xunit;

/// <summary>The xunit adapter stays in step with the checks, and its compliance test catches a forgotten base.</summary>
public class AdapterTests
{
    [Fact]
    public void Every_check_has_exactly_one_virtual_test_in_its_capabilitys_base()
    {
        foreach (var check in ConformanceSuite.All.Where(c => !c.Id.StartsWith("PUB-V-", StringComparison.Ordinal)))
        {
            var testBase = ConformanceComplianceTests.TestBases.Single(b => b.Name.StartsWith(check.Capability.ToString(), StringComparison.Ordinal));
            var methods = testBase.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.StartsWith(check.Id.Replace('-', '_') + "_", StringComparison.Ordinal)).ToList();
            Assert.True(methods.Count == 1, $"{check.Id} has {methods.Count} test methods in {testBase.Name}");
            Assert.True(methods[0].IsVirtual, $"{methods[0].Name} is not virtual");
        }

        Assert.All(ConformanceComplianceTests.TestBases.SelectMany(b => b.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)), m => Assert.True(m.IsVirtual, $"{m.Name} is not virtual"));
    }

    [Fact]
    public void The_compliance_test_fails_for_an_assembly_that_forgot_a_base()
    {
        var compliance = new ForgetfulCompliance();

        var error = Assert.ThrowsAny<Exception>(compliance.Every_conformance_test_base_is_subclassed);

        Assert.Contains("WireConformanceTests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vectors_are_embedded_with_ids_matching_their_files_and_known_problem_codes()
    {
        var files = Directory.GetFiles(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "conformance", "vectors"), "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.Equal(files, ConformanceVector.All.Select(v => v.Id).Order());
        var codes = typeof(CityRisk.Problems.ProblemCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.All(ConformanceVector.All, v =>
        {
            Assert.Equal(v.Id.StartsWith("valid-", StringComparison.Ordinal), v.IsValid);
            Assert.All(v.ExpectedProblems, code => Assert.Contains(code, codes));
        });
    }

    /// <summary>An assembly (this one's BCL, say) without any subclass.</summary>
    private sealed class ForgetfulCompliance : ConformanceComplianceTests
    {
        protected override Assembly TargetAssembly => typeof(object).Assembly;
    }
}
