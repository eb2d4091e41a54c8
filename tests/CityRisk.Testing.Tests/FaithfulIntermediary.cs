using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace CityRisk.Testing.Tests;

/// <summary>
/// What a partner's load balancer, API gateway or service mesh is: an HTTP/2 reverse proxy (YARP's forwarder) that
/// terminates the caller's connection and opens its own to the hub, forwarding requests, responses and trailers as
/// they are, with its own flow control on each side. A hub behind it follows every rule the hub follows, so the kit
/// must pass it.
/// </summary>
internal sealed class FaithfulIntermediary : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _upstream;

    private FaithfulIntermediary(WebApplication app, HttpMessageInvoker upstream, Uri endpoint)
    {
        _app = app;
        _upstream = upstream;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<FaithfulIntermediary> StartAsync(Uri hub)
    {
        var upstream = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var config = new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, ActivityTimeout = TimeSpan.FromMinutes(5) };
        var destination = hub.ToString();
        app.Map("/{**path}", async (HttpContext context, IHttpForwarder forwarder) =>
            await forwarder.SendAsync(context, destination, upstream, config));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new FaithfulIntermediary(app, upstream, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
