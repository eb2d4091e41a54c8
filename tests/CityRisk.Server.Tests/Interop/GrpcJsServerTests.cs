using System.Diagnostics;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Google.Protobuf;

namespace CityRisk.Server.Tests.Interop;

/// <summary>Our client half calls a grpc-js server of the same .proto: unary, streaming, errors, deadline, cancellation.</summary>
public sealed class GrpcJsServerTests : IAsyncLifetime
{
    private static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new("cityrisk.v1.Exchange", "Publish", PublishResponse.Parser);
    private static readonly GrpcMethod<GetRequest, GetResponse> Get = new("cityrisk.v1.Exchange", "Get", GetResponse.Parser);
    private static readonly GrpcMethod<QueryRequest, QueryResponse> Query = new("cityrisk.v1.Exchange", "Query", QueryResponse.Parser);
    private static readonly GrpcMethod<SubscribeRequest, Delivery> Subscribe = new("cityrisk.v1.Exchange", "Subscribe", Delivery.Parser);

    private Process? _node;
    private HttpGrpcCallInvoker? _client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static GrpcCallOptions Options => new() { CancellationToken = Cancel, Timeout = TimeSpan.FromSeconds(20) };

    private HttpGrpcCallInvoker Client => _client ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(NodePeer.Folder, "node_modules", "@grpc", "grpc-js")))
        {
            return; // each test skips (or fails under CITYRISK_REQUIRE_NODE) with the reason
        }

        _node = NodePeer.Start("grpc-server.mjs");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await _node.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"grpc-server.mjs did not start: {await _node.StandardError.ReadToEndAsync(Cancel)}");
        var port = int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        _client = new HttpGrpcCallInvoker(new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_node is not null)
        {
            _node.StandardInput.Close();
            if (!_node.WaitForExit(5000))
            {
                _node.Kill(entireProcessTree: true);
            }

            await _node.WaitForExitAsync();
            _node.Dispose();
        }
    }

    private static PublishRequest Envelope(string id, string payload = "{\"kind\":\"alert\"}") =>
        new() { Envelope = new Envelope { Id = id, Sender = "foshan-em", Kind = "alert", Payload = ByteString.CopyFromUtf8(payload) } };

    [Fact]
    public async Task Unary_calls_and_duplicates()
    {
        NodePeer.SkipIfMissing();
        var first = await Client.UnaryAsync(Publish, Envelope("n1"), Options);
        var again = await Client.UnaryAsync(Publish, Envelope("n1"), Options);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Cursor, again.Cursor);
        Assert.Equal(3, (await Client.UnaryAsync(Query, new QueryRequest { PageSize = 3 }, Options)).Items.Count);
        Assert.Equal("known", (await Client.UnaryAsync(Get, new GetRequest { Message = new MessageRef { Sender = "s", Id = "known" } }, Options)).Envelope.Id);
    }

    [Fact]
    public async Task Errors_with_problems_from_a_grpc_js_trailer()
    {
        NodePeer.SkipIfMissing();
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => Client.UnaryAsync(Publish, Envelope("n2", payload: ""), Options));
        Assert.Equal(GrpcStatusCode.InvalidArgument, error.StatusCode);
        // grpc-js writes binary metadata as unpadded Base64, which the spec allows and the decoder accepts.
        var problems = ProblemsTrailer.Decode(error.Trailers[GrpcProtocol.ProblemsTrailer]);
        Assert.Equal("DOC-EMPTY", Assert.Single(problems).Code);

        var missing = await Assert.ThrowsAsync<GrpcCallException>(() => Client.UnaryAsync(Get, new GetRequest { Message = new MessageRef { Id = "nope" } }, Options));
        Assert.Equal(GrpcStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No such message.", missing.Detail);
    }

    [Fact]
    public async Task Deadline_is_honoured()
    {
        NodePeer.SkipIfMissing();
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => Client.UnaryAsync(Publish, Envelope("slow"), Options with { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Streaming_in_order_and_ending_with_a_status_and_trailer()
    {
        NodePeer.SkipIfMissing();
        var cursors = new List<ulong>();
        await foreach (var delivery in Client.ServerStreamingAsync(Subscribe, new SubscribeRequest { AfterCursor = 10 }, Options))
        {
            cursors.Add(delivery.Cursor);
        }

        Assert.Equal([11UL, 12, 13, 14, 15], cursors);

        var received = 0;
        var behind = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            await foreach (var _ in Client.ServerStreamingAsync(Subscribe, new SubscribeRequest { Filter = new Filter { Kinds = { "fall-behind" } } }, Options))
            {
                received++;
            }
        });
        Assert.Equal(5, received);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, behind.StatusCode);
        Assert.Equal("5", behind.Trailers[GrpcProtocol.ResumeCursorTrailer]);
    }

    [Fact]
    public async Task Cancellation_ends_a_stream_and_the_server_keeps_serving()
    {
        NodePeer.SkipIfMissing();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Client.ServerStreamingAsync(Subscribe, new SubscribeRequest { AfterCursor = 1000 }, Options with { CancellationToken = cancel.Token }))
            {
                if (++received == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(3, received);
        Assert.Single((await Client.UnaryAsync(Query, new QueryRequest { PageSize = 1 }, Options)).Items);
    }
}
