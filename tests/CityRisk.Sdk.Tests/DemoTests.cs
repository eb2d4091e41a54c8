using CityRisk.Demo;

namespace CityRisk.Sdk.Tests;

/// <summary>README's main command, run in-process: the partner demo passes its own verdict.</summary>
public class DemoTests
{
    [Fact]
    public async Task The_partner_demo_ends_with_every_partner_having_received_exactly_what_concerned_it()
    {
        using var output = new StringWriter();

        var exit = await DemoRun.RunAsync(output, TestContext.Current.CancellationToken);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("received FS-EM-TY-01 (cursor 1)", text, StringComparison.Ordinal);
        Assert.Contains("reconnects in", text, StringComparison.Ordinal);
        Assert.Contains("NOT_FOUND", text, StringComparison.Ordinal);
        Assert.Contains("Hefei EM      received cityrisk-hazard.hefei-lifeline.hf-bridge-0042.1", text, StringComparison.Ordinal);
        Assert.Contains("Macau         ok: received none of the Restricted bridge warnings", text, StringComparison.Ordinal);
        Assert.Contains("Gulou District ok: saw all six steps in the case file", text, StringComparison.Ordinal);
        Assert.Contains("Macau         ok: saw neither the Restricted incident nor its count", text, StringComparison.Ordinal);
        Assert.Contains("every partner received exactly what concerned it", text, StringComparison.Ordinal);
    }
}
