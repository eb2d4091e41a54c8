using System.Buffers;
using System.Buffers.Binary;
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

    /// <summary>Starts the intermediary in front of <paramref name="hub"/>.</summary>
    /// <param name="hub">Where it forwards.</param>
    /// <param name="refuseAbove">
    /// When set, it enforces a message limit itself, as API gateways do: a gRPC request whose first message announces
    /// more bytes is answered at once with RESOURCE_EXHAUSTED, and the rest of the upload is never read: the caller's
    /// stream stays stalled on flow control, so a caller that waits to finish sending before it reads never finishes.
    /// </param>
    public static async Task<FaithfulIntermediary> StartAsync(Uri hub, int? refuseAbove = null)
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
        if (refuseAbove is { } limit)
        {
            var stopping = app.Lifetime.ApplicationStopping;
            app.Use(async (context, next) =>
            {
                var body = context.Request.BodyReader;
                var read = await body.ReadAtLeastAsync(5, context.RequestAborted);
                var prefix = read.Buffer.Slice(0, Math.Min(5, read.Buffer.Length)).ToArray();
                body.AdvanceTo(read.Buffer.Start); // peeked, not consumed: the forwarder sends it on
                if (prefix.Length == 5 && BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1)) > limit)
                {
                    context.Response.ContentType = "application/grpc";
                    context.Response.Headers["grpc-status"] = "8";
                    context.Response.Headers["grpc-message"] = "request larger than the gateway's limit";
                    await context.Response.CompleteAsync();
                    // Never read the rest: only a caller that reads the answer while it sends ever finishes.
                    using var stalled = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                    await Task.Delay(Timeout.Infinite, stalled.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }

                await next(context);
            });
        }

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
