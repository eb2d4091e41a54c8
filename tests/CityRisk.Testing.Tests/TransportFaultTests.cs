using System.Text;
using CityRisk.Cli;

namespace CityRisk.Testing.Tests;

/// <summary>
/// A flaky network is not a broken rule: calls that fail in transport (UNAVAILABLE, a stream reset) are run again and,
/// when they never complete, reported as "could not run", with exit code 3 rather than 1.
/// </summary>
public sealed class TransportFaultTests
{
    private static async Task<(int Exit, string[] Lines, string Error)> RunAsync(BrokenExchange exchange, params string[] extra)
    {
        var identities = await exchange.WriteIdentitiesFileAsync();
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["conformance", "--endpoint", exchange.Endpoint.ToString(), "--identities", identities, .. extra], new CliConsole(output, error), TestContext.Current.CancellationToken);
        return (exit, Encoding.UTF8.GetString(output.ToArray()).Split('\n'), error.ToString());
    }

    [Fact]
    public async Task A_flaky_network_in_front_of_a_correct_hub_fails_no_check()
    {
        await using var flaky = await BrokenExchange.StartAsync(rule: null, flakiness: 0.03);

        var (exit, lines, error) = await RunAsync(flaky);

        var failed = lines.Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        var errors = lines.Where(l => l.StartsWith("ERROR", StringComparison.Ordinal)).ToList();
        TestContext.Current.SendDiagnosticMessage($"flaky network: exit {exit}; could not run: {string.Join(", ", errors.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]))}");
        Assert.True(failed.Count == 0, string.Join('\n', lines) + error);
        Assert.True(exit == (errors.Count == 0 ? 0 : 3), $"exit {exit}\n{string.Join('\n', lines)}");
    }

    [Fact]
    public async Task A_network_that_always_fails_makes_every_check_could_not_run_and_exit_3()
    {
        await using var down = await BrokenExchange.StartAsync(rule: null, flakiness: 1.0);

        var (exit, lines, error) = await RunAsync(down, "--only", "PUB-001,QRY-001,SUB-001,SCP-001,WIRE-002");

        Assert.True(exit == 3, $"exit {exit}\n{string.Join('\n', lines)}{error}");
        Assert.Equal(5, lines.Count(l => l.StartsWith("ERROR", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("could not run: transport", StringComparison.Ordinal) && l.Contains("UNAVAILABLE", StringComparison.Ordinal));
        Assert.Contains("0 passed, 0 failed, 0 skipped, 5 could not run", lines);
    }
}
