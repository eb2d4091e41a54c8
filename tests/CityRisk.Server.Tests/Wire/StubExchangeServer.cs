using CityRisk.Server.Health;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Server.Tests.Wire;

/// <summary>
/// A stub of the Exchange service on real Kestrel (127.0.0.1, a free port, HTTP/2), to prove the call layer.
/// Its behaviour is keyed on ids: "slow" waits, "boom" throws, "big" answers over the send limit, "known" exists.
/// </summary>
internal sealed class StubExchangeServer : IAsyncDisposable
{
    public const int MaxMessageBytes = 64 * 1024;

    private readonly WebApplication _app;
    private long _cursor;
    private readonly Dictionary<string, long> _published = [];

    private StubExchangeServer(WebApplication app, Uri address, GrpcServerOptions options, GrpcHealthService health)
    {
        _app = app;
        Address = address;
        Options = options;
        Health = health;
    }

    public Uri Address { get; }

    public GrpcServerOptions Options { get; }

    public GrpcHealthService Health { get; }

    public static async Task<StubExchangeServer> StartAsync(bool tls = false)
    {
        StubExchangeServer? server = null;
        var options = new GrpcServerOptions { MaxReceiveMessageBytes = MaxMessageBytes, MaxSendMessageBytes = MaxMessageBytes };
        var health = new GrpcHealthService();
        var (app, address) = await LoopbackServer.StartAsync(services => services.AddRouting(), app =>
        {
            var exchange = new GrpcServiceBuilder(app, "cityrisk.v1.Exchange", options);
            exchange
                .MapUnary("Publish", PublishRequest.Parser, (request, context) => server!.PublishAsync(request, context))
                .MapUnary("PublishBatch", PublishBatchRequest.Parser, (request, context) => Task.FromResult(server!.PublishBatch(request)))
                .MapUnary("Get", GetRequest.Parser, (request, _) => Task.FromResult(Get(request)))
                .MapUnary("Query", QueryRequest.Parser, (request, _) => Task.FromResult(Query(request)))
                .MapServerStreaming<SubscribeRequest, Delivery>("Subscribe", SubscribeRequest.Parser, (request, writer, context) => SubscribeAsync(request, writer, context));
            health.SetStatus("cityrisk.v1.Exchange", Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
            health.Map(new GrpcServiceBuilder(app, GrpcHealthService.ServiceName, options));
            GrpcServiceBuilder.MapUnimplementedFallback(app);
            return Task.CompletedTask;
        }, tls);
        server = new StubExchangeServer(app, address, options, health);
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<PublishResponse> PublishAsync(PublishRequest request, GrpcServerCallContext context)
    {
        var envelope = request.Envelope ?? new Envelope();
        switch (envelope.Id)
        {
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
                break;
            case "boom":
                throw new InvalidOperationException("The stub failed on purpose.");
        }

        if (context.GetMetadata("authorization") == "Bearer wrong")
        {
            throw new GrpcStatusException(GrpcStatusCode.Unauthenticated, "The credential is unknown or revoked.");
        }

        if (envelope.Payload.IsEmpty)
        {
            var problems = new CityRisk.Wire.V1.Problems
            {
                Problems_ =
                {
                    new Problem { Severity = ProblemSeverity.Error, Code = "DOC-EMPTY", Path = "", Message = "The document is empty." },
                    new Problem { Severity = ProblemSeverity.Warning, Code = "CAP-HEADLINE-LONG", Path = "info[0].headline", Message = "台风 headline is long." },
                },
            };
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "The payload is invalid: 1 error, 1 warning.", new Dictionary<string, string>
            {
                [GrpcProtocol.ProblemsTrailer] = Convert.ToBase64String(problems.ToByteArray()),
            });
        }

        lock (_published)
        {
            var key = $"{envelope.Sender}/{envelope.Id}";
            if (_published.TryGetValue(key, out var existing))
            {
                return new PublishResponse { Cursor = (ulong)existing, Duplicate = true };
            }

            _published[key] = ++_cursor;
            return new PublishResponse { Cursor = (ulong)_cursor };
        }
    }

    private PublishBatchResponse PublishBatch(PublishBatchRequest request)
    {
        var response = new PublishBatchResponse();
        foreach (var envelope in request.Envelopes)
        {
            response.Results.Add(envelope.Payload.IsEmpty
                ? new PublishResult { Error = new Error { Code = (int)GrpcStatusCode.InvalidArgument, Message = "empty payload" } }
                : new PublishResult { Published = new PublishResponse { Cursor = (ulong)Interlocked.Increment(ref _cursor) } });
        }

        return response;
    }

    private static GetResponse Get(GetRequest request) => request.Message?.Id switch
    {
        "known" => new GetResponse { Cursor = 7, Envelope = new Envelope { Id = "known", Kind = "alert", Sender = request.Message.Sender, Payload = ByteString.CopyFromUtf8("{}") } },
        "big" => new GetResponse { Envelope = new Envelope { Id = "big", Payload = ByteString.CopyFrom(new byte[MaxMessageBytes + 1]) } },
        _ => throw new GrpcStatusException(GrpcStatusCode.NotFound, "No such message."),
    };

    private static QueryResponse Query(QueryRequest request)
    {
        var response = new QueryResponse { NextPageToken = request.PageSize > 0 ? "next" : string.Empty };
        for (var i = 1; i <= request.PageSize; i++)
        {
            response.Items.Add(new Delivery { Cursor = (ulong)i, Envelope = new Envelope { Id = $"m{i}", Kind = "alert" } });
        }

        return response;
    }

    /// <summary>Streams one delivery per cursor after the start; "forever" (after_cursor 1000) keeps going every 20 ms.</summary>
    private static async Task SubscribeAsync(SubscribeRequest request, IServerStreamWriter<Delivery> writer, GrpcServerCallContext context)
    {
        var start = request.AfterCursor;
        var forever = start == 1000;
        var count = forever ? int.MaxValue : 5;
        for (var i = 1; i <= count; i++)
        {
            await writer.WriteAsync(new Delivery { Cursor = start + (ulong)i, Envelope = new Envelope { Id = $"d{start + (ulong)i}", Kind = "alert" } }, context.CancellationToken);
            if (forever)
            {
                await Task.Delay(20, context.CancellationToken);
            }
        }

        if (request.Filter?.Kinds.Contains("fall-behind") == true)
        {
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted, "The subscriber fell behind.", new Dictionary<string, string> { [GrpcProtocol.ResumeCursorTrailer] = "5" });
        }
    }
}
