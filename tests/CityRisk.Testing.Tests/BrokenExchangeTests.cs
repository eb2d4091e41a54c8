using System.Text;
using CityRisk.Cli;

namespace CityRisk.Testing.Tests;

/// <summary>
/// The kit is worth what it catches: every deliberately broken exchange fails at least one check, and the CLI runner
/// exits 1 for it. The catch table in docs/conformance.md comes from this test's output.
/// </summary>
public sealed class BrokenExchangeTests
{
    public static TheoryData<BrokenRule> Rules { get; } = [.. Enum.GetValues<BrokenRule>()];

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Each_broken_exchange_fails_at_least_one_check_and_the_runner_exits_1(BrokenRule rule)
    {
        await using var broken = await BrokenExchange.StartAsync(rule);
        var identities = await broken.WriteIdentitiesFileAsync();
        using var output = new MemoryStream();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["conformance", "--endpoint", broken.Endpoint.ToString(), "--identities", identities], new CliConsole(output, error), TestContext.Current.CancellationToken);

        var text = Encoding.UTF8.GetString(output.ToArray());
        var caughtBy = text.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToList();
        TestContext.Current.SendDiagnosticMessage($"{rule}: caught by {string.Join(", ", caughtBy)}");
        Assert.True(exit == 1, $"{rule}: exit {exit}\n{text}\n{error}");
        Assert.NotEmpty(caughtBy);
    }
}
