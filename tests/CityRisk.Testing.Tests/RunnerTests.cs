using System.Text;
using System.Xml.Linq;
using CityRisk.Cli;

namespace CityRisk.Testing.Tests;

/// <summary><c>cityrisk conformance</c> as an integrator runs it: against the reference hub, with reports; and its usage errors.</summary>
public sealed class RunnerTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliConsole(output, error), TestContext.Current.CancellationToken);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    [Fact]
    public async Task The_reference_hub_passes_through_the_runner_with_markdown_and_junit_reports()
    {
        await using var hub = await ReferenceHub.StartAsync();
        var identities = await hub.WriteIdentitiesFileAsync();
        var report = Path.Combine(hub.Folder, "report.md");
        var junit = Path.Combine(hub.Folder, "report.xml");

        var (exit, output, error) = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", identities, "--report", report, "--junit", junit);

        Assert.True(exit == 0, output + error);
        Assert.Contains($"{ConformanceSuite.All.Count} passed, 0 failed, 0 skipped", output, StringComparison.Ordinal);
        Assert.Contains($"[{ConformanceSuite.All.Count}/{ConformanceSuite.All.Count}]", error, StringComparison.Ordinal);
        Assert.Contains("| SCP-005 | Scope | pass |", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var xml = XDocument.Load(junit);
        Assert.Equal(ConformanceSuite.All.Count, xml.Descendants("testcase").Count());
        Assert.Empty(xml.Descendants("failure"));
    }

    [Fact]
    public async Task Only_runs_the_named_capabilities_and_checks()
    {
        await using var hub = await ReferenceHub.StartAsync();
        var identities = await hub.WriteIdentitiesFileAsync();

        var (exit, output, _) = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", identities, "--only", "wire,SCP-005");

        Assert.Equal(0, exit);
        Assert.Contains($"{ConformanceSuite.Of(ConformanceCapability.Wire).Count + 1} passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_and_connection_errors_exit_2_with_a_clear_message()
    {
        await using var hub = await ReferenceHub.StartAsync();
        var identities = await hub.WriteIdentitiesFileAsync();
        var broken = Path.Combine(hub.Folder, "broken.json");
        await File.WriteAllTextAsync(broken, "{\"parties\": {\"city-a\": {}}}", TestContext.Current.CancellationToken);

        var unreachable = await RunAsync("conformance", "--endpoint", "http://127.0.0.1:1", "--identities", identities);
        var missing = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", Path.Combine(hub.Folder, "nope.json"));
        var malformed = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", broken);
        var unknown = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", identities, "--only", "teleport");
        var badCa = Path.Combine(hub.Folder, "bad-ca.json");
        var withCa = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(identities, TestContext.Current.CancellationToken))!;
        withCa["caCertificate"] = broken; // a file that is not a certificate
        await File.WriteAllTextAsync(badCa, withCa.ToJsonString(), TestContext.Current.CancellationToken);
        var certificate = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", badCa);
        var folder = await RunAsync("conformance", "--endpoint", hub.Endpoint.ToString(), "--identities", hub.Folder);

        Assert.Equal((2, true), (unreachable.Exit, unreachable.Error.Contains("cannot reach", StringComparison.Ordinal)));
        Assert.Equal((2, true), (missing.Exit, missing.Error.Contains("file not found", StringComparison.Ordinal)));
        Assert.Equal((2, true), (malformed.Exit, malformed.Error.Contains("parties.city-a.partnerId", StringComparison.Ordinal)));
        Assert.Equal((2, true), (unknown.Exit, unknown.Error.Contains("teleport", StringComparison.Ordinal)));
        Assert.Equal((2, true), (folder.Exit, folder.Error.Contains("cannot read", StringComparison.Ordinal)));
        Assert.Equal((2, true), (certificate.Exit, certificate.Error.Contains("not a readable certificate", StringComparison.Ordinal)));
    }
}
