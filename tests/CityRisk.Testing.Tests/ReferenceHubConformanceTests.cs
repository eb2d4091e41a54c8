namespace CityRisk.Testing.Tests;

/// <summary>The reference hub passes the whole kit, run as the CLI runs it.</summary>
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
}
