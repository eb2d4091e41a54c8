using System.Threading.Channels;
using CityRisk.Client;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Hazards;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using Google.Protobuf;
using Grpc.Core;

namespace CityRisk.Server.InMemory;

/// <summary>
/// An exchange in memory, for unit tests of code that uses <see cref="CityRiskClient"/>: no sockets, no server. It is
/// the reference hub's own exchange (validation, idempotency, scope, filters, threads, subscriptions) on its in-memory
/// store, called through an in-memory <see cref="CallInvoker"/> instead of HTTP/2, so it has the same semantics and the
/// same errors. It lives in the hosting kit so that the conformance kit stays light; reference CityRisk.Server from a
/// test project to use it.
/// </summary>
public sealed class FakeExchange : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ExchangeService _exchange;
    private readonly SubscriptionService _subscriptions;
    private readonly HazardMonitor _monitor;
    private readonly Incidents.IncidentStatisticsService _incidents;
    private readonly Resources.ResourcePoolService _pool;
    private readonly Enterprises.EnterpriseService _enterprises;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _closing = new();

    /// <summary>An empty exchange with these partners.</summary>
    /// <param name="partners">Who may use it.</param>
    /// <param name="time">Its clock (expiry, stored-at times); the system clock by default.</param>
    /// <param name="monitorPartner">The partner (one of <paramref name="partners"/>, with a CAP sender) hazards' warnings are published as; null publishes none (docs/hazards.md).</param>
    /// <exception cref="ArgumentException">The monitor partner is not one of the partners, or has no CAP sender.</exception>
    public FakeExchange(IEnumerable<FakeExchangePartner> partners, TimeProvider? time = null, string? monitorPartner = null)
    {
        ArgumentNullException.ThrowIfNull(partners);
        _time = time ?? TimeProvider.System;
        var registered = new List<Partner>();
        foreach (var partner in partners)
        {
            var token = PartnerTokens.Generate();
            _tokens.Add(partner.Id, token);
            registered.Add(new Partner
            {
                Id = PartyId.Parse(partner.Id),
                Roles = partner.Roles,
                CapSenders = partner.CapSenders,
                Jurisdictions = partner.Jurisdictions,
                Groups = partner.Groups,
                Credentials = [new PartnerCredential { Id = "fake", Hash = PartnerTokens.Hash(token) }],
            });
        }

        var store = new InMemoryExchangeStore(_time);
        var recent = new RecentMessages(10_000);
        recent.StartAfter(0);
        _exchange = new ExchangeService(store, new PartnerRegistry(registered), _time, recent);
        _subscriptions = new SubscriptionService(_exchange, store, recent, _time, maxLag: 10_000);
        var monitor = monitorPartner is null ? null : registered.FirstOrDefault(p => p.Id.Value == monitorPartner && p.CapSenders.Count > 0)
            ?? throw new ArgumentException($"The monitor partner '{monitorPartner}' must be one of the partners, with a CAP sender.", nameof(monitorPartner));
        _monitor = new HazardMonitor(_exchange, store, monitor, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        _incidents = new Incidents.IncidentStatisticsService(_exchange, store, _time);
        _pool = new Resources.ResourcePoolService(_exchange, store, _time);
        _enterprises = new Enterprises.EnterpriseService(_exchange, store, _time);
    }

    /// <summary>The address the fake's clients report; nothing listens there.</summary>
    public static Uri Endpoint { get; } = new("http://fake-exchange.invalid/");

    /// <summary>A client acting as one of the partners, connected to this exchange in memory.</summary>
    /// <param name="partnerId">A partner given to the constructor.</param>
    /// <param name="options">Client options (retries, validation ...); defaults when null.</param>
    /// <exception cref="ArgumentException">The partner is not one of the fake's.</exception>
    public CityRiskClient CreateClient(string partnerId, CityRiskClientOptions? options = null)
    {
        if (!_tokens.TryGetValue(partnerId, out var token))
        {
            throw new ArgumentException($"'{partnerId}' is not a partner of this fake exchange; give it to the constructor.", nameof(partnerId));
        }

        return new CityRiskClient(new Invoker(this), Endpoint, new CityRiskCredential(partnerId, token), options);
    }

    /// <summary>
    /// The fake's call invoker, for clients other than <see cref="CreateClient"/> makes: the generated
    /// <c>Exchange.ExchangeClient</c>, or the conformance kit's <c>ConformanceContext</c>.
    /// </summary>
    /// <returns>An invoker whose calls reach this exchange in memory.</returns>
    public CallInvoker CreateCallInvoker() => new Invoker(this);

    /// <summary>The bearer token the fake issued to a partner, for calls made through <see cref="CreateCallInvoker"/>.</summary>
    /// <param name="partnerId">A partner given to the constructor.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentException">The partner is not one of the fake's.</exception>
    public string TokenOf(string partnerId) => _tokens.TryGetValue(partnerId, out var token)
        ? token
        : throw new ArgumentException($"'{partnerId}' is not a partner of this fake exchange; give it to the constructor.", nameof(partnerId));

    /// <summary>Ends open subscriptions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _monitor.Dispose();
        _closing.Dispose();
    }

    private static DateTime DeadlineOf(CallOptions options) => options.Deadline ?? DateTime.MaxValue;

    /// <summary>
    /// The call layer, in memory: requests go to the exchange's handlers as copies (as the wire would make them), and
    /// their statuses come back as <see cref="RpcException"/>s with the same trailers. Deadlines and cancellation end
    /// calls as on the wire.
    /// </summary>
    private sealed class Invoker(FakeExchange fake) : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            var response = UnaryAsync(method, options, request);
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => response.IsCompletedSuccessfully ? Status.DefaultSuccess : Status.DefaultCancelled, () => [], () => { });
        }

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            if (request is EnterpriseQueryRequest export)
            {
                return Pages<TResponse, EnterpriseExportPage>(method.FullName, options, (writer, context) => fake._enterprises.ExportAsync(export.Clone(), writer, context));
            }

            if (request is not SubscribeRequest subscribe)
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Method '{method.FullName}' is not implemented by the fake exchange."));
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, fake._closing.Token);
            var headers = new TaskCompletionSource<Metadata>(TaskCreationOptions.RunContinuationsAsynchronously);
            var channel = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
            var context = new InMemoryServerCallContext(method.FullName, Headers(options), DeadlineOf(options), stop.Token) { OnResponseHeaders = h => headers.TrySetResult(h) };
            var run = Task.Run(async () =>
            {
                try
                {
                    await fake._subscriptions.SubscribeAsync(subscribe.Clone(), new ChannelWriter(channel.Writer), context).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (RpcException ex)
                {
                    channel.Writer.TryComplete(ex);
                }
                catch (OperationCanceledException)
                {
                    channel.Writer.TryComplete(new RpcException(Status.DefaultCancelled));
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(new RpcException(new Status(StatusCode.Unknown, ex.Message)));
                }
                finally
                {
                    headers.TrySetResult([]);
                }
            }, CancellationToken.None);
            var stream = new Reader<TResponse>(channel.Reader);
            return new AsyncServerStreamingCall<TResponse>(stream, headers.Task, () => Status.DefaultSuccess, () => [], () =>
            {
                stop.Cancel();
                run.ContinueWith(_ => stop.Dispose(), TaskScheduler.Default);
            });
        }

        /// <summary>A server-streaming call other than Subscribe: the handler writes into a bounded channel the client reads copies from.</summary>
        private AsyncServerStreamingCall<TResponse> Pages<TResponse, TMessage>(string methodName, CallOptions options, Func<IServerStreamWriter<TMessage>, ServerCallContext, Task> handler)
            where TMessage : class, IMessage<TMessage>
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, fake._closing.Token);
            var channel = Channel.CreateBounded<TMessage>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
            var context = new InMemoryServerCallContext(methodName, Headers(options), DeadlineOf(options), stop.Token);
            var run = Task.Run(async () =>
            {
                try
                {
                    await handler(new MessageWriter<TMessage>(channel.Writer, stop.Token), context).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (RpcException ex)
                {
                    channel.Writer.TryComplete(ex);
                }
                catch (OperationCanceledException)
                {
                    channel.Writer.TryComplete(new RpcException(Status.DefaultCancelled));
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(new RpcException(new Status(StatusCode.Unknown, ex.Message)));
                }
            }, CancellationToken.None);
            return new AsyncServerStreamingCall<TResponse>(new CopyReader<TResponse, TMessage>(channel.Reader), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () =>
            {
                stop.Cancel();
                run.ContinueWith(_ => stop.Dispose(), TaskScheduler.Default);
            });
        }

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new RpcException(new Status(StatusCode.Unimplemented, $"Method '{method.FullName}' is not implemented by the fake exchange."));

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new RpcException(new Status(StatusCode.Unimplemented, $"Method '{method.FullName}' is not implemented by the fake exchange."));

        private static Metadata Headers(CallOptions options)
        {
            var headers = new Metadata();
            foreach (var entry in options.Headers ?? [])
            {
                headers.Add(entry);
            }

            return headers;
        }

        private async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
            where TRequest : class
            where TResponse : class
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, fake._closing.Token);
            if (options.Deadline is { } at)
            {
                deadline.CancelAfter(Max(at - DateTime.UtcNow, TimeSpan.Zero));
            }

            var context = new InMemoryServerCallContext(method.FullName, Headers(options), DeadlineOf(options), deadline.Token);
            // A copy, as the wire would make: the caller may change its request afterwards.
            var copy = (IMessage)((IDeepCloneable<TRequest>)request).Clone()!;
            try
            {
                IMessage response = copy switch
                {
                    PublishRequest publish => await fake._exchange.PublishAsync(publish, context).ConfigureAwait(false),
                    PublishBatchRequest batch => await fake._exchange.PublishBatchAsync(batch, context).ConfigureAwait(false),
                    GetRequest get => await fake._exchange.GetAsync(get, context).ConfigureAwait(false),
                    QueryRequest query => await fake._exchange.QueryAsync(query, context).ConfigureAwait(false),
                    RecordObservationsRequest record => await fake._monitor.RecordObservationsAsync(record, context).ConfigureAwait(false),
                    QueryObservationsRequest observations => await fake._monitor.QueryObservationsAsync(observations, context).ConfigureAwait(false),
                    GetHazardStatusRequest status => await fake._monitor.GetHazardStatusAsync(status, context).ConfigureAwait(false),
                    IncidentStatisticsRequest statistics => await fake._incidents.GetStatisticsAsync(statistics, context).ConfigureAwait(false),
                    ResourcePoolRequest pool => await fake._pool.QueryPoolAsync(pool, context).ConfigureAwait(false),
                    GetResourceRequestStatusRequest status => await fake._pool.GetRequestStatusAsync(status, context).ConfigureAwait(false),
                    EnterpriseQueryRequest enterprises => (await fake._enterprises.QueryAsync(enterprises, context).ConfigureAwait(false)).Parse(),
                    EnterpriseAuditRequest audit => await fake._enterprises.QueryAuditAsync(audit, context).ConfigureAwait(false),
                    _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"Method '{method.FullName}' is not implemented by the fake exchange.")),
                };
                // A copy, as the wire would make.
                return (TResponse)response.Descriptor.Parser.ParseFrom(response.ToByteArray());
            }
            catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
            {
                throw new RpcException(Status.DefaultCancelled);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The call's deadline passed before it completed."));
            }
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }

    /// <summary>The server side of a subscription, writing into a bounded channel (its capacity plays the part of HTTP/2 flow control).</summary>
    private sealed class ChannelWriter(ChannelWriter<Delivery> channel) : IServerStreamWriter<EncodedDelivery>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(EncodedDelivery message)
        {
            var delivery = message.Parse();
            return channel.TryWrite(delivery) ? Task.CompletedTask : channel.WriteAsync(delivery).AsTask();
        }
    }

    /// <summary>The server side of another streaming call, writing copies into a bounded channel.</summary>
    private sealed class MessageWriter<TMessage>(ChannelWriter<TMessage> channel, CancellationToken stop) : IServerStreamWriter<TMessage>
        where TMessage : class, IMessage<TMessage>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(TMessage message) => channel.WriteAsync(message.Clone(), stop).AsTask();
    }

    /// <summary>The client side of another streaming call: reads the channel; the call's failure comes out as its <see cref="RpcException"/>.</summary>
    private sealed class CopyReader<TResponse, TMessage>(ChannelReader<TMessage> channel) : IAsyncStreamReader<TResponse>
        where TMessage : class
    {
        public TResponse Current { get; private set; } = default!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                if (!await channel.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !channel.TryRead(out var message))
                {
                    return false;
                }

                Current = (TResponse)(object)message;
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new RpcException(Status.DefaultCancelled);
            }
        }
    }

    /// <summary>The client side of a subscription: reads the channel; the call's failure comes out as its <see cref="RpcException"/>.</summary>
    private sealed class Reader<TResponse>(ChannelReader<Delivery> channel) : IAsyncStreamReader<TResponse>
    {
        public TResponse Current { get; private set; } = default!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                if (!await channel.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !channel.TryRead(out var delivery))
                {
                    return false;
                }

                // A copy per read, as the wire would make.
                Current = (TResponse)(object)delivery.Clone();
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new RpcException(Status.DefaultCancelled);
            }
        }
    }
}
