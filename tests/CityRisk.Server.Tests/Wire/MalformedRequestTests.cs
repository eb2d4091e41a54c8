using System.Net;
using System.Net.Http.Headers;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Google.Protobuf;

namespace CityRisk.Server.Tests.Wire;

/// <summary>Bad frames and bad requests, sent raw: each gets a status, and the server keeps serving.</summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private StubExchangeServer _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await StubExchangeServer.StartAsync();
        _http = new HttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string, byte[], int> BadBodies { get; } = new()
    {
        { "no message", [], (int)GrpcStatusCode.Internal },
        { "truncated header", [0, 0, 0], (int)GrpcStatusCode.Internal },
        { "truncated message", [0, 0, 0, 0, 50, 1, 2, 3], (int)GrpcStatusCode.Internal },
        { "compressed flag", [1, 0, 0, 0, 1, 8], (int)GrpcStatusCode.Unimplemented },
        { "invalid flag", [9, 0, 0, 0, 1, 8], (int)GrpcStatusCode.Internal },
        { "oversize length", [0, 0x7F, 0xFF, 0xFF, 0xFF], (int)GrpcStatusCode.ResourceExhausted },
        { "not protobuf", [0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF], (int)GrpcStatusCode.Internal },
        { "two messages", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], (int)GrpcStatusCode.Internal },
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
    public async Task Compressed_encoding_is_refused_with_the_accepted_encodings()
    {
        using var request = Request("/cityrisk.v1.Exchange/Publish", GrpcFrame.ToArray(new PublishRequest().ToByteArray()));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await _http.SendAsync(request, Cancel);
        Assert.Equal(((int)GrpcStatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("identity", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task Malformed_timeout_is_refused()
    {
        using var request = Request("/cityrisk.v1.Exchange/Publish", GrpcFrame.ToArray(new PublishRequest().ToByteArray()));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "soon");
        using var response = await _http.SendAsync(request, Cancel);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
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
            using var request = Request("/cityrisk.v1.Exchange/Subscribe", GrpcFrame.ToArray(new SubscribeRequest { AfterCursor = 1000 }.ToByteArray()));
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
        for (var i = 0; i < 100 && _server.Options.Calls.Active > 0; i++)
        {
            await Task.Delay(50, Cancel);
        }

        Assert.Equal(0, _server.Options.Calls.Active);
    }

    [Fact]
    public async Task Clients_that_vanish_mid_stream_leave_no_connection_or_call_behind()
    {
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "Counting connections reads /proc/net/tcp (Linux).");
        for (var i = 0; i < 25; i++)
        {
            // A client of its own each time: its connection dies with it, as a crashed partner's would.
            using var client = new HttpClient();
            using var request = Request("/cityrisk.v1.Exchange/Subscribe", GrpcFrame.ToArray(new SubscribeRequest { AfterCursor = 1000 }.ToByteArray()));
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
        for (var i = 0; i < 100 && (EstablishedConnections(port) > 0 || _server.Options.Calls.Active > 0); i++)
        {
            await Task.Delay(100, Cancel);
        }

        Assert.Equal(0, EstablishedConnections(port));
        Assert.Equal(0, _server.Options.Calls.Active);
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
        var (status, _) = await SendAsync("/cityrisk.v1.Exchange/Query", GrpcFrame.ToArray(new QueryRequest { PageSize = 1 }.ToByteArray()));
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
        return request;
    }

    private async Task<(int Status, string Detail)> SendAsync(string path, byte[] body)
    {
        using var request = Request(path, body);
        using var response = await _http.SendAsync(request, Cancel);
        await response.Content.ReadAsByteArrayAsync(Cancel);
        var headers = response.Headers.Contains("grpc-status") ? (System.Net.Http.Headers.HttpHeaders)response.Headers : response.TrailingHeaders;
        var status = int.Parse(headers.GetValues("grpc-status").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var detail = headers.TryGetValues("grpc-message", out var values) ? GrpcMessageText.Decode(values.Single()) : string.Empty;
        return (status, detail);
    }
}
