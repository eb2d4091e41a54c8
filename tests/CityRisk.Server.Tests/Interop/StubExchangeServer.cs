using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Server.Tests.Interop;

/// <summary>
/// A stub of the Exchange service on Grpc.AspNetCore with the generated service base, as a partner's own .NET hub
/// would be written (real Kestrel, 127.0.0.1, a free port, HTTP/2, optionally TLS), for peers to call. Its behaviour
/// is keyed on ids: "slow" waits, "boom" throws, "big" answers over the send limit, "known" exists.
/// </summary>
internal sealed class StubExchangeServer : IAsyncDisposable
{
    public const int MaxMessageBytes = 64 * 1024;

    private readonly WebApplication _app;

    private StubExchangeServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<StubExchangeServer> StartAsync(bool tls = false)
    {
        var (app, address) = await LoopbackServer.StartAsync(services =>
        {
            services.AddGrpc(o =>
            {
                o.MaxReceiveMessageSize = MaxMessageBytes;
                o.MaxSendMessageSize = MaxMessageBytes;
            });
            services.AddSingleton<StubExchange>();
            var health = new HealthServiceImpl();
            health.SetStatus(string.Empty, Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
            health.SetStatus(ExchangeMetadata.ServiceName, Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
            services.AddSingleton(health);
        }, app =>
        {
            app.MapGrpcService<StubExchange>();
            app.MapGrpcService<HealthServiceImpl>();
            return Task.CompletedTask;
        }, tls);
        return new StubExchangeServer(app, address);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class StubExchange : CityRisk.Protocol.V1.Exchange.ExchangeBase
    {
        private readonly Dictionary<string, long> _published = [];
        private long _cursor;

        public override async Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context)
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

            if (context.RequestHeaders.GetValue("authorization") == "Bearer wrong")
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "The credential is unknown or revoked."));
            }

            if (envelope.Payload.IsEmpty)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "The payload is invalid: 1 error, 1 warning."), ProblemsTrailer.ToTrailers(
                [
                    CityRisk.Problems.Problem.Error("DOC-EMPTY", string.Empty, "The document is empty."),
                    CityRisk.Problems.Problem.Warning("CAP-HEADLINE-LONG", "info[0].headline", "台风 headline is long."),
                ]));
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

        public override Task<PublishBatchResponse> PublishBatch(PublishBatchRequest request, ServerCallContext context)
        {
            var response = new PublishBatchResponse();
            foreach (var envelope in request.Envelopes)
            {
                response.Results.Add(envelope.Payload.IsEmpty
                    ? new PublishResult { Error = new Error { Code = (int)StatusCode.InvalidArgument, Message = "empty payload" } }
                    : new PublishResult { Published = new PublishResponse { Cursor = (ulong)Interlocked.Increment(ref _cursor) } });
            }

            return Task.FromResult(response);
        }

        public override Task<GetResponse> Get(GetRequest request, ServerCallContext context) => Task.FromResult(request.Message?.Id switch
        {
            "known" => new GetResponse { Cursor = 7, Envelope = new Envelope { Id = "known", Kind = "alert", Sender = request.Message.Sender, Payload = ByteString.CopyFromUtf8("{}") } },
            "big" => new GetResponse { Envelope = new Envelope { Id = "big", Payload = ByteString.CopyFrom(new byte[MaxMessageBytes + 1]) } },
            _ => throw new RpcException(new Status(StatusCode.NotFound, "No such message.")),
        });

        public override Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
        {
            var response = new QueryResponse { NextPageToken = request.PageSize > 0 ? "next" : string.Empty };
            for (var i = 1; i <= request.PageSize; i++)
            {
                response.Items.Add(new Delivery { Cursor = (ulong)i, Envelope = new Envelope { Id = $"m{i}", Kind = "alert" } });
            }

            return Task.FromResult(response);
        }

        /// <summary>Streams one delivery per cursor after the start; "forever" (after_cursor 1000) keeps going every 20 ms.</summary>
        public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Delivery> responseStream, ServerCallContext context)
        {
            var start = request.AfterCursor;
            var forever = start == 1000;
            var count = forever ? int.MaxValue : 5;
            for (var i = 1; i <= count; i++)
            {
                await responseStream.WriteAsync(new Delivery { Cursor = start + (ulong)i, Envelope = new Envelope { Id = $"d{start + (ulong)i}", Kind = "alert" } }, context.CancellationToken);
                if (forever)
                {
                    await Task.Delay(20, context.CancellationToken);
                }
            }

            if (request.Filter?.Kinds.Contains("fall-behind") == true)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "The subscriber fell behind."), new Metadata { { ExchangeMetadata.ResumeCursor, "5" } });
            }
        }
    }
}
