namespace CityRisk.Testing.Tests;

/// <summary>The reference hub passes the whole kit, run as the CLI runs it, directly and behind a faithful intermediary.</summary>
public sealed class ReferenceHubConformanceTests
{
    [Fact]
    public async Task The_reference_hub_passes_every_check()
    {
        await using var hub = await ReferenceHub.StartAsync();
        using var context = new ConformanceContext(hub.Endpoint, hub.Identities);

        var results = await ConformanceRunner.RunAsync(context, cancellationToken: TestContext.Current.CancellationToken);

        var failed = results.Where(r => r.Outcome != ConformanceOutcome.Passed).Select(ConformanceReport.Line).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.Equal(ConformanceSuite.All.Count, results.Count);
    }

    [Fact]
    public async Task The_reference_hub_behind_a_faithful_intermediary_passes_every_check()
    {
        await using var hub = await ReferenceHub.StartAsync();
        await using var gateway = await FaithfulIntermediary.StartAsync(hub.Endpoint);
        using var context = new ConformanceContext(gateway.Endpoint, hub.Identities);

        var results = await ConformanceRunner.RunAsync(context, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var result in results.Where(r => r.Duration > TimeSpan.FromSeconds(5)))
        {
            TestContext.Current.SendDiagnosticMessage($"slow behind the intermediary: {ConformanceReport.Line(result)} in {result.Duration.TotalSeconds:F1} s");
        }

        var failed = results.Where(r => r.Outcome != ConformanceOutcome.Passed).Select(r => $"{ConformanceReport.Line(r)} ({r.Duration.TotalSeconds:F1} s)").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public async Task A_gateway_that_refuses_an_oversized_request_before_reading_it_passes_WIRE_003_at_once()
    {
        await using var hub = await ReferenceHub.StartAsync();
        await using var gateway = await FaithfulIntermediary.StartAsync(hub.Endpoint, refuseAbove: hub.Identities.MaxMessageBytes);
        using var context = new ConformanceContext(gateway.Endpoint, hub.Identities);

        var result = await ConformanceRunner.RunOneAsync(context, ConformanceSuite.Get("WIRE-003"), TestContext.Current.CancellationToken);

        // The gateway never reads the rest of the upload: only a kit that reads the answer while it sends gets it.
        Assert.True(result.Outcome == ConformanceOutcome.Passed, ConformanceReport.Line(result));
    }
}
