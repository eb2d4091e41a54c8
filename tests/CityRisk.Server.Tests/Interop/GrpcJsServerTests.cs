using System.Diagnostics;
using CityRisk.Client;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CityRisk.Server.Tests.Interop;

/// <summary>
/// The SDK's channel (<see cref="CityRiskChannel"/>) and the generated stub call a grpc-js server of the same .proto:
/// unary, streaming, errors with the problems trailer as grpc-js writes it, deadline, cancellation.
/// </summary>
public sealed class GrpcJsServerTests : IAsyncLifetime
{
    private Process? _node;
    private GrpcChannel? _channel;
    private CityRisk.Protocol.V1.Exchange.ExchangeClient? _client;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static CallOptions Options(TimeSpan? timeout = null, CancellationToken? cancellationToken = null) =>
        new(deadline: DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20)), cancellationToken: cancellationToken ?? Cancel);

    private CityRisk.Protocol.V1.Exchange.ExchangeClient Client => _client ?? throw new InvalidOperationException("not started");

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
        _channel = CityRiskChannel.Create(new Uri($"http://127.0.0.1:{port}"));
        _client = new CityRisk.Protocol.V1.Exchange.ExchangeClient(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
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
        var first = await Client.PublishAsync(Envelope("n1"), Options()).ResponseAsync;
        var again = await Client.PublishAsync(Envelope("n1"), Options()).ResponseAsync;
        Assert.True(again.Duplicate);
        Assert.Equal(first.Cursor, again.Cursor);
        Assert.Equal(3, (await Client.QueryAsync(new QueryRequest { PageSize = 3 }, Options()).ResponseAsync).Items.Count);
        Assert.Equal("known", (await Client.GetAsync(new GetRequest { Message = new MessageRef { Sender = "s", Id = "known" } }, Options()).ResponseAsync).Envelope.Id);
    }

    [Fact]
    public async Task Errors_with_problems_from_a_grpc_js_trailer()
    {
        NodePeer.SkipIfMissing();
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.PublishAsync(Envelope("n2", payload: ""), Options()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // grpc-js writes binary metadata as unpadded Base64, which the spec allows and the decoder accepts.
        Assert.True(ProblemsTrailer.TryRead(error.Trailers, out var problems, out _));
        Assert.Equal("DOC-EMPTY", Assert.Single(problems).Code);

        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetAsync(new GetRequest { Message = new MessageRef { Id = "nope" } }, Options()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No such message.", missing.Status.Detail);
    }

    [Fact]
    public async Task Deadline_is_honoured()
    {
        NodePeer.SkipIfMissing();
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.PublishAsync(Envelope("slow"), Options(TimeSpan.FromMilliseconds(300))).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Streaming_in_order_and_ending_with_a_status_and_trailer()
    {
        NodePeer.SkipIfMissing();
        var cursors = new List<ulong>();
        using (var call = Client.Subscribe(new SubscribeRequest { AfterCursor = 10 }, Options()))
        {
            while (await call.ResponseStream.MoveNext(Cancel))
            {
                cursors.Add(call.ResponseStream.Current.Cursor);
            }
        }

        Assert.Equal([11UL, 12, 13, 14, 15], cursors);

        var received = 0;
        var behind = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Client.Subscribe(new SubscribeRequest { Filter = new Filter { Kinds = { "fall-behind" } } }, Options());
            while (await call.ResponseStream.MoveNext(Cancel))
            {
                received++;
            }
        });
        Assert.Equal(5, received);
        Assert.Equal(StatusCode.ResourceExhausted, behind.StatusCode);
        Assert.Equal("5", behind.Trailers.GetValue(ExchangeMetadata.ResumeCursor));
    }

    [Fact]
    public async Task Cancellation_ends_a_stream_and_the_server_keeps_serving()
    {
        NodePeer.SkipIfMissing();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var received = 0;
        var cancelled = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Client.Subscribe(new SubscribeRequest { AfterCursor = 1000 }, Options(cancellationToken: cancel.Token));
            while (await call.ResponseStream.MoveNext(cancel.Token))
            {
                if (++received == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(StatusCode.Cancelled, cancelled.StatusCode);
        Assert.Equal(3, received);
        Assert.Single((await Client.QueryAsync(new QueryRequest { PageSize = 1 }, Options()).ResponseAsync).Items);
    }
}
