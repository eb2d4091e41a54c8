using CityRisk.Client;
using Grpc.Core;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>https:// hubs: a certificate from a private CA is trusted only when the client is given that CA, and only for the names it covers.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private TestExchange _hub = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hub = await TestExchange.StartAsync(certificate: TestAuthority.Hub);

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private static CityRiskClientOptions NoRetries(Action<CityRiskClientOptions>? configure = null)
    {
        var options = new CityRiskClientOptions();
        options.Retry.MaxRetries = 0;
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task A_hub_certificate_from_a_given_CA_is_trusted()
    {
        using var client = new CityRiskClient(_hub.Endpoint, _hub.Credential("foshan-em"), NoRetries(o => o.CaCertificate = TestAuthority.Authority));

        var published = await client.Alerts.PublishAsync(SampleAlerts.Typhoon("over-tls"), cancellationToken: Cancel);

        Assert.Equal(1, published.Cursor);
    }

    [Fact]
    public async Task The_CA_can_be_given_as_a_PEM_file()
    {
        var path = Path.Combine(_hub.Folder, "ca.pem");
        await File.WriteAllTextAsync(path, TestAuthority.Authority.ExportCertificatePem(), Cancel);
        using var client = new CityRiskClient(_hub.Endpoint, _hub.Credential("foshan-em"), NoRetries(o => o.CaCertificatePath = path));

        Assert.False((await client.Alerts.PublishAsync(SampleAlerts.Typhoon("over-tls-pem"), cancellationToken: Cancel)).Duplicate);
    }

    [Fact]
    public async Task Without_the_CA_the_system_trust_store_refuses_the_hub()
    {
        using var client = new CityRiskClient(_hub.Endpoint, _hub.Credential("foshan-em"), NoRetries());

        var error = await Assert.ThrowsAsync<CityRiskException>(() => client.Alerts.PublishAsync(SampleAlerts.Typhoon("untrusted"), cancellationToken: Cancel));

        // grpc-dotnet reports a TLS failure as INTERNAL: not transient, so it is not retried.
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("SSL", error.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_name_the_certificate_does_not_cover_is_refused_even_with_the_CA()
    {
        var byName = new UriBuilder(_hub.Endpoint) { Host = "localhost" }.Uri;
        using var client = new CityRiskClient(byName, _hub.Credential("foshan-em"), NoRetries(o => o.CaCertificate = TestAuthority.Authority));

        var error = await Assert.ThrowsAsync<CityRiskException>(() => client.Alerts.PublishAsync(SampleAlerts.Typhoon("wrong-name"), cancellationToken: Cancel));

        // grpc-dotnet reports a TLS failure as INTERNAL: not transient, so it is not retried.
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("SSL", error.Detail, StringComparison.OrdinalIgnoreCase);
    }
}
