namespace CityRisk.Testing.Tests.Xunit;

/// <summary>The fixture a vendor would write, here for the reference hub (SQLite) started in-process.</summary>
public sealed class ReferenceHubFixture : ConformanceFixture
{
    private ReferenceHub? _hub;

    public override Uri Endpoint => Hub.Endpoint;

    public override ConformanceIdentities Identities => Hub.Identities;

    private ReferenceHub Hub => _hub ?? throw new InvalidOperationException("The fixture is not initialized.");

    public override async ValueTask InitializeAsync() => _hub = await ReferenceHub.StartAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}
