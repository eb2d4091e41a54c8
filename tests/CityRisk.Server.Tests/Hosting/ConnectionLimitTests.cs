using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CityRisk.Client;
using CityRisk.Protocol.V1;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Server.Tests.Exchange;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Tests.Hosting;

/// <summary>The hub's connection limits hold against clients that open connections and then stall.</summary>
public sealed class ConnectionLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(WebApplication App, Uri Address, string Token)> StartAsync(Action<CityRiskConnectionOptions> limits)
    {
        var token = PartnerTokens.Generate();
        var registry = new PartnerRegistry([new Partner
        {
            Id = CityRisk.PartyId.Parse("foshan-em"),
            Roles = ["city"],
            CapSenders = [TestHub.CapSender("foshan-em")],
            Credentials = [new PartnerCredential { Id = "1", Hash = PartnerTokens.Hash(token) }],
        }]);
        var (app, address) = await LoopbackServer.StartAsync(
            services => services.AddCityRiskExchange(o => { o.Store = "memory"; o.Partners = registry; limits(o.Connections); }),
            app =>
            {
                app.MapCityRiskExchange();
                return Task.CompletedTask;
            });
        return (app, address, token);
    }

    [Fact]
    public async Task A_connection_that_never_finishes_the_http2_preface_is_closed_after_the_idle_timeout()
    {
        var (app, address, _) = await StartAsync(c => c.IdleTimeout = TimeSpan.FromSeconds(2));
        await using (app)
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, address.Port, Cancel);
            var stream = socket.GetStream();
            await stream.WriteAsync("PRI * HTTP/2.0\r\n"u8.ToArray(), Cancel); // half of the preface, then nothing

            var clock = Stopwatch.StartNew();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            var buffer = new byte[256];
            int read;
            do
            {
                read = await stream.ReadAsync(buffer, limit.Token);
            }
            while (read > 0);

            // Closed by the hub long before Kestrel's default of 130 s.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"closed after {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task A_call_whose_request_never_finishes_does_not_take_the_connection_down_with_it()
    {
        var (app, address, token) = await StartAsync(_ => { });
        await using (app)
        {
            using var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false };
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var stalled = new StalledContent();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/cityrisk.v1.Exchange/Get") { Content = stalled };
            request.Headers.TryAddWithoutValidation("te", "trailers");
            request.Headers.TryAddWithoutValidation("authorization", $"Bearer {token}");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            var stalledCall = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            await stalled.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel);

            // Past Kestrel's minimum request body data rate grace period (5 s), which used to reset the whole connection.
            await Task.Delay(TimeSpan.FromSeconds(7), Cancel);

            using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = false });
            var client = new CityRisk.Protocol.V1.Exchange.ExchangeClient(channel);
            var error = await Assert.ThrowsAsync<RpcException>(() => client.GetAsync(
                new GetRequest { Message = new MessageRef { Sender = "foshan-em", Id = "none" } },
                new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } }, DateTime.UtcNow.AddSeconds(10), Cancel)).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.False(stalledCall.IsCompleted, "the stalled call ended although its client is still sending");

            await stop.CancelAsync();
            stalled.Release();
            await Assert.ThrowsAnyAsync<Exception>(() => stalledCall);
        }
    }

    [Fact]
    public void Limits_are_validated_with_every_error()
    {
        var options = new CityRiskExchangeOptions { Partners = new PartnerRegistry([]), Connections = new CityRiskConnectionOptions { IdleTimeout = TimeSpan.Zero, MaxConnections = 0, MaxStreamsPerConnection = 0 } };
        var errors = options.Errors().ToList();
        Assert.Contains(errors, e => e.Contains("IdleTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxConnections", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxStreamsPerConnection", StringComparison.Ordinal));
    }

    /// <summary>A request body that sends the start of a gRPC message and then waits until released.</summary>
    private sealed class StalledContent : HttpContent
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 0, 100, 1, 2, 3 });
            await stream.FlushAsync();
            Started.TrySetResult();
            await _release.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>Security event 1005: connections refused before any HTTP/2 request, with the peer that opened them.</summary>
public sealed class ConnectionRefusalLoggingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connections_refused_below_http2_are_security_events_with_their_peer()
    {
        var logs = new Hosting.CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        // As cityrisk serve does it: the exchange first, then the endpoints, so every endpoint tracks its peers.
        builder.Services.AddCityRiskExchange(o =>
        {
            o.Store = "memory";
            o.Partners = new PartnerRegistry([]);
            o.Connections.MaxConnections = 2;
            o.Connections.TlsHandshakeTimeout = TimeSpan.FromSeconds(2);
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2;
                listen.UseHttps(TestCertificate.Certificate);
            });
        });
        await using var app = builder.Build();
        app.MapCityRiskExchange();
        await app.StartAsync(Cancel);
        var ports = app.Urls.Select(u => new Uri(u)).OrderBy(u => u.Scheme).Select(u => u.Port).ToList(); // http, then https

        // HTTP/1.1 to an HTTP/2 endpoint.
        using (var plain = new TcpClient())
        {
            await plain.ConnectAsync(IPAddress.Loopback, ports[0], Cancel);
            await plain.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: hub\r\n\r\n"u8.ToArray(), Cancel);
            await DrainAsync(plain);
        }

        // Bytes that are not a TLS handshake to the TLS endpoint.
        using (var tls = new TcpClient())
        {
            await tls.ConnectAsync(IPAddress.Loopback, ports[1], Cancel);
            await tls.GetStream().WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), Cancel);
            await DrainAsync(tls);
        }

        // More connections than the limit of 2.
        var held = new List<TcpClient>();
        for (var i = 0; i < 4; i++)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ports[0], Cancel);
            held.Add(client);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (logs.Entries.Count(e => e.Event.Id == 1005) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
        }

        held.ForEach(c => c.Dispose());
        var refused = logs.Entries.Where(e => e.Event.Id == 1005 && e.Category == "CityRisk.Server.Security").Select(e => e.Message).ToList();
        Assert.Contains(refused, m => m.Contains("did not speak HTTP/2", StringComparison.Ordinal) && m.Contains("from 127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(refused, m => m.Contains("TLS handshake failed", StringComparison.Ordinal) && m.Contains("from 127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(refused, m => m.Contains("connection limit", StringComparison.Ordinal));
        // Kestrel's own debug lines stay out of the other providers.
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) && e.Level == LogLevel.Debug);
    }

    private static async Task DrainAsync(TcpClient client)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[512];
        try
        {
            while (await client.GetStream().ReadAsync(buffer, limit.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is an answer too.
        }
    }
}
