using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using CityRisk.Protocol.V1;
using CityRisk.Server.Hosting;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>Bad frames and bad requests, sent raw to the hub: each gets a status, and the hub keeps serving.</summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private TestHub _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private int LiveSubscriptions => _server.Services.GetRequiredService<ExchangeHost>().LiveSubscriptions;

    public async ValueTask InitializeAsync()
    {
        _server = await TestHub.StartAsync();
        _http = new HttpClient();
    }

    private static byte[] Frame(byte[] message, bool compressed = false)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, byte[], int> BadBodies { get; } = new()
    {
        { "no message", [], (int)StatusCode.Internal },
        { "truncated header", [0, 0, 0], (int)StatusCode.Internal },
        { "truncated message", [0, 0, 0, 0, 50, 1, 2, 3], (int)StatusCode.Internal },
        { "compressed flag without an encoding", [1, 0, 0, 0, 1, 8], (int)StatusCode.Internal },
        { "oversize length", [0, 0x7F, 0xFF, 0xFF, 0xFF], (int)StatusCode.ResourceExhausted },
        // Grpc.AspNetCore reports a request it cannot deserialize as a handler failure, without details.
        { "not protobuf", [0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF], (int)StatusCode.Unknown },
        { "two messages", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], (int)StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_body_gets_a_status_and_the_server_keeps_serving(string what, byte[] body, int expected)
    {
        var (status, detail) = await SendAsync("/cityrisk.v1.Exchange/Publish", body);
        Assert.True(expected == status, $"{what}: {status} {detail}");
        Assert.NotEmpty(detail);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_gzip_request_is_read_and_an_unknown_encoding_is_unimplemented_naming_the_accepted_ones()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(new QueryRequest { PageSize = 1 }.ToByteArray());
        }

        var (status, _) = await SendAsync("/cityrisk.v1.Exchange/Query", Frame(compressed.ToArray(), compressed: true), encoding: "gzip");
        Assert.Equal((int)StatusCode.OK, status);

        using var request = Request("/cityrisk.v1.Exchange/Query", Frame([1, 2, 3], compressed: true));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");
        using var response = await _http.SendAsync(request, Cancel);
        Assert.Equal(((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_grpc_content_type_is_415()
    {
        using var request = Request("/cityrisk.v1.Exchange/Publish", [0, 0, 0, 0, 0]);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Abrupt_disconnects_mid_request_do_not_take_the_server_down()
    {
        for (var i = 0; i < 20; i++)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(5 + i));
            using var request = Request("/cityrisk.v1.Exchange/Subscribe", Frame(new SubscribeRequest { FromNow = true }.ToByteArray()));
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
                _ = await body.ReadAtLeastAsync(new byte[10], 1, throwOnEndOfStream: false, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // The point: the client walks away at any moment.
            }
        }

        await AssertStillServingAsync();

        // Every handler of an abandoned call has ended: nothing keeps running (or holding memory) for a client that left.
        for (var i = 0; i < 100 && LiveSubscriptions > 0; i++)
        {
            await Task.Delay(50, Cancel);
        }

        Assert.Equal(0, LiveSubscriptions);
    }

    [Fact]
    public async Task Clients_that_vanish_mid_stream_leave_no_connection_or_call_behind()
    {
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "Counting connections reads /proc/net/tcp (Linux).");
        // One message in the log, so each stream from the beginning has a delivery to read before it goes live.
        // Through a channel of its own, closed before connections are counted.
        using (var channel = CityRisk.Client.CityRiskChannel.Create(_server.Address))
        {
            await new CityRisk.Protocol.V1.Exchange.ExchangeClient(channel).PublishAsync(TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "vanish")), _server.As("foshan-em"));
        }

        for (var i = 0; i < 25; i++)
        {
            // A client of its own each time: its connection dies with it, as a crashed partner's would.
            using var client = new HttpClient();
            using var request = Request("/cityrisk.v1.Exchange/Subscribe", Frame(new SubscribeRequest { FromBeginning = true }.ToByteArray()));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
            await using var body = await response.Content.ReadAsStreamAsync(Cancel);
            _ = await body.ReadAtLeastAsync(new byte[8], 1, throwOnEndOfStream: false, Cancel);
            if (i == 0)
            {
                // The count sees a live client, so the zero below means something.
                Assert.True(EstablishedConnections(_server.Address.Port) >= 1);
            }
        }

        var port = _server.Address.Port;
        for (var i = 0; i < 100 && (EstablishedConnections(port) > 0 || LiveSubscriptions > 0); i++)
        {
            await Task.Delay(100, Cancel);
        }

        Assert.Equal(0, EstablishedConnections(port));
        Assert.Equal(0, LiveSubscriptions);
        await AssertStillServingAsync();
    }

    /// <summary>Server-side ESTABLISHED TCP connections on a local port, from /proc/net/tcp and tcp6.</summary>
    private static int EstablishedConnections(int port)
    {
        var hexPort = port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && fields[3] == "01");
    }

    private async Task AssertStillServingAsync()
    {
        var (status, _) = await SendAsync("/cityrisk.v1.Exchange/Query", Frame(new QueryRequest { PageSize = 1 }.ToByteArray()));
        Assert.Equal(0, status);
    }

    private HttpRequestMessage Request(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", $"Bearer {_server.TokenOf("foshan-em")}");
        return request;
    }

    private async Task<(int Status, string Detail)> SendAsync(string path, byte[] body, string? encoding = null)
    {
        using var request = Request(path, body);
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        using var response = await _http.SendAsync(request, Cancel);
        await response.Content.ReadAsByteArrayAsync(Cancel);
        var headers = response.Headers.Contains("grpc-status") ? (System.Net.Http.Headers.HttpHeaders)response.Headers : response.TrailingHeaders;
        var status = int.Parse(headers.GetValues("grpc-status").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var detail = headers.TryGetValues("grpc-message", out var values) ? Uri.UnescapeDataString(values.Single()) : string.Empty;
        return (status, detail);
    }
}
