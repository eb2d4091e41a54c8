using System.Net;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Google.Protobuf;

namespace CityRisk.Server.Tests.Wire;

/// <summary>Our client half against our server half, over real HTTP/2 on 127.0.0.1 (cleartext and TLS).</summary>
public sealed class CallLayerTests : IAsyncLifetime
{
    private static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new("cityrisk.v1.Exchange", "Publish", PublishResponse.Parser);
    private static readonly GrpcMethod<PublishBatchRequest, PublishBatchResponse> PublishBatch = new("cityrisk.v1.Exchange", "PublishBatch", PublishBatchResponse.Parser);
    private static readonly GrpcMethod<GetRequest, GetResponse> Get = new("cityrisk.v1.Exchange", "Get", GetResponse.Parser);
    private static readonly GrpcMethod<QueryRequest, QueryResponse> Query = new("cityrisk.v1.Exchange", "Query", QueryResponse.Parser);
    private static readonly GrpcMethod<SubscribeRequest, Delivery> Subscribe = new("cityrisk.v1.Exchange", "Subscribe", Delivery.Parser);

    private StubExchangeServer _server = null!;
    private HttpGrpcCallInvoker _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static GrpcCallOptions Options => new() { CancellationToken = Cancel, Timeout = TimeSpan.FromSeconds(20) };

    public async ValueTask InitializeAsync()
    {
        _server = await StubExchangeServer.StartAsync();
        _client = new HttpGrpcCallInvoker(_server.Address, maxReceiveMessageBytes: StubExchangeServer.MaxMessageBytes, maxSendMessageBytes: StubExchangeServer.MaxMessageBytes);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static PublishRequest Envelope(string id, string payload = "{\"kind\":\"alert\"}") =>
        new() { Envelope = new Envelope { Id = id, Sender = "foshan-em", Kind = "alert", Payload = ByteString.CopyFromUtf8(payload) } };

    [Fact]
    public async Task Unary_call_round_trips_and_repeats_are_duplicates()
    {
        var first = await _client.UnaryAsync(Publish, Envelope("a1"), Options);
        var again = await _client.UnaryAsync(Publish, Envelope("a1"), Options);
        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Cursor, again.Cursor);
    }

    [Fact]
    public async Task Invalid_argument_carries_every_problem_in_the_trailer()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Publish, Envelope("a2", payload: ""), Options));
        Assert.Equal(GrpcStatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("The payload is invalid: 1 error, 1 warning.", error.Detail);
        var problems = CityRisk.Wire.V1.Problems.Parser.ParseFrom(Convert.FromBase64String(error.Trailers[GrpcProtocol.ProblemsTrailer]));
        Assert.Equal(["DOC-EMPTY", "CAP-HEADLINE-LONG"], problems.Problems_.Select(p => p.Code));
        Assert.Equal("台风 headline is long.", problems.Problems_[1].Message);
    }

    [Fact]
    public async Task Status_with_non_ascii_detail_survives_percent_encoding()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Get, new GetRequest { Message = new MessageRef { Sender = "x", Id = "none" } }, Options));
        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Metadata_reaches_the_handler()
    {
        var options = Options with { Metadata = [new("authorization", "Bearer wrong")] };
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Publish, Envelope("a3"), options));
        Assert.Equal(GrpcStatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Server_streaming_delivers_in_order_then_ends_ok()
    {
        var cursors = new List<ulong>();
        await foreach (var delivery in _client.ServerStreamingAsync(Subscribe, new SubscribeRequest { AfterCursor = 10 }, Options))
        {
            cursors.Add(delivery.Cursor);
        }

        Assert.Equal([11UL, 12, 13, 14, 15], cursors);
    }

    [Fact]
    public async Task Stream_ending_with_an_error_gives_the_messages_then_the_status_and_its_trailer()
    {
        var received = 0;
        var error = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            await foreach (var _ in _client.ServerStreamingAsync(Subscribe, new SubscribeRequest { Filter = new Filter { Kinds = { "fall-behind" } } }, Options))
            {
                received++;
            }
        });
        Assert.Equal(5, received);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("5", error.Trailers[GrpcProtocol.ResumeCursorTrailer]);
    }

    [Fact]
    public async Task Deadline_is_sent_and_enforced_by_the_server()
    {
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Publish, Envelope("slow"), Options with { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancellation_stops_a_stream_and_the_server_keeps_serving()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _client.ServerStreamingAsync(Subscribe, new SubscribeRequest { AfterCursor = 1000 }, Options with { CancellationToken = cancel.Token }))
            {
                if (++received == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(3, received);
        Assert.False((await _client.UnaryAsync(Publish, Envelope("after-cancel"), Options)).Duplicate);
    }

    [Fact]
    public async Task Oversize_messages_are_resource_exhausted_both_ways()
    {
        var tooBig = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Publish, Envelope("big", new string('x', StubExchangeServer.MaxMessageBytes)), Options));
        Assert.Equal(GrpcStatusCode.ResourceExhausted, tooBig.StatusCode);

        using var unlimited = new HttpGrpcCallInvoker(_server.Address, maxSendMessageBytes: int.MaxValue);
        var refused = await Assert.ThrowsAsync<GrpcCallException>(() => unlimited.UnaryAsync(Publish, Envelope("big", new string('x', StubExchangeServer.MaxMessageBytes)), Options));
        Assert.Equal(GrpcStatusCode.ResourceExhausted, refused.StatusCode);

        var bigResponse = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Get, new GetRequest { Message = new MessageRef { Id = "big" } }, Options));
        Assert.Equal(GrpcStatusCode.ResourceExhausted, bigResponse.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var method = new GrpcMethod<GetRequest, GetResponse>("cityrisk.v1.Exchange", "Frobnicate", GetResponse.Parser);
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(method, new GetRequest(), Options));
        Assert.Equal(GrpcStatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Handler_failure_is_unknown_without_details_and_the_server_keeps_serving()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Publish, Envelope("boom"), Options));
        Assert.Equal(GrpcStatusCode.Unknown, error.StatusCode);
        Assert.DoesNotContain("on purpose", error.Detail, StringComparison.Ordinal);
        Assert.Equal(3UL, (await _client.UnaryAsync(Query, new QueryRequest { PageSize = 3 }, Options)).Items.Last().Cursor);
    }

    [Fact]
    public async Task Batch_gives_a_result_per_envelope()
    {
        var request = new PublishBatchRequest { Envelopes = { Envelope("b1").Envelope, Envelope("b2", payload: "").Envelope } };
        var response = await _client.UnaryAsync(PublishBatch, request, Options);
        Assert.Equal(PublishResult.OutcomeOneofCase.Published, response.Results[0].OutcomeCase);
        Assert.Equal((int)GrpcStatusCode.InvalidArgument, response.Results[1].Error.Code);
    }

    [Fact]
    public async Task Unreachable_server_is_unavailable()
    {
        using var nowhere = new HttpGrpcCallInvoker(new Uri("http://127.0.0.1:1"));
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => nowhere.UnaryAsync(Publish, Envelope("x"), Options));
        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Tls_with_alpn_h2_works_with_a_trusted_self_signed_certificate()
    {
        await using var tlsServer = await StubExchangeServer.StartAsync(tls: true);
        var handler = HttpGrpcCallInvoker.CreateHandler(certificate => certificate.Thumbprint == TestCertificate.Certificate.Thumbprint);
        using var client = new HttpGrpcCallInvoker(tlsServer.Address, handler);
        Assert.Equal("https", tlsServer.Address.Scheme);
        Assert.Equal(1UL, (await client.UnaryAsync(Publish, Envelope("tls"), Options)).Cursor);

        using var untrusting = new HttpGrpcCallInvoker(tlsServer.Address);
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => untrusting.UnaryAsync(Publish, Envelope("tls2"), Options));
        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
    }
}
