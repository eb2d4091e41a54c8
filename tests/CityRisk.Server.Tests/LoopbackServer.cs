using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Tests;

/// <summary>A real Kestrel host for tests: 127.0.0.1, a free port, HTTP/2 only, TLS with the test certificate when asked.</summary>
internal static class LoopbackServer
{
    /// <summary>Builds, maps and starts the host; a host whose start fails is disposed before the error goes up.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<IServiceCollection> services, Func<WebApplication, Task> map, bool tls = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls)
            {
                listen.UseHttps(TestCertificate.Certificate);
            }
        }));
        services(builder.Services);
        var app = builder.Build();
        try
        {
            await map(app);
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address));
    }
}
