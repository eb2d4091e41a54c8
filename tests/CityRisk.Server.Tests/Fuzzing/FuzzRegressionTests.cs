using CityRisk.Fuzz;
using CityRisk.Testing.Shared;

namespace CityRisk.Server.Tests.Fuzzing;

/// <summary>
/// The fuzzing targets (fuzz/CityRisk.Fuzz) on their seed corpus and on every input the fuzzer ever found
/// (fuzz/regressions/TARGET/): what once crashed a parser stays fixed, and the harnesses themselves stay working.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Targets { get; } = [.. FuzzTargets.All.Keys];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_and_every_regression_input_runs_without_a_finding(string target)
    {
        var inputs = FuzzTargets.Seeds(target, RepositoryRoot.Path).ToList();
        var regressions = Path.Combine(RepositoryRoot.Path, "fuzz", "regressions", target);
        if (Directory.Exists(regressions))
        {
            inputs.AddRange(Directory.EnumerateFiles(regressions).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
        }

        Assert.NotEmpty(inputs);
        var findings = new List<string>();
        foreach (var (name, bytes) in inputs)
        {
            try
            {
                FuzzTargets.All[target](bytes);
            }
            catch (Exception ex)
            {
                findings.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
