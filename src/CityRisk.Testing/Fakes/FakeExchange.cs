using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CityRisk.Client;
using CityRisk.Server.Exchange;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace CityRisk.Testing;

/// <summary>
/// An exchange in memory, for unit tests of code that uses <see cref="CityRiskClient"/>: no sockets, no server. It is
/// the reference hub's own exchange (validation, idempotency, scope, filters, threads, subscriptions) on its in-memory
/// store, called directly instead of over HTTP/2, so it has the same semantics and the same errors.
/// </summary>
public sealed class FakeExchange : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ExchangeService _exchange;
    private readonly SubscriptionService _subscriptions;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _closing = new();

    /// <summary>An empty exchange with these partners.</summary>
    /// <param name="partners">Who may use it.</param>
    /// <param name="time">Its clock (expiry, stored-at times); the system clock by default.</param>
    public FakeExchange(IEnumerable<FakeExchangePartner> partners, TimeProvider? time = null)
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
                Credentials = [new PartnerCredential { Id = "fake", Hash = PartnerTokens.Hash(token) }],
            });
        }

        var store = new InMemoryExchangeStore(_time);
        var recent = new RecentMessages(10_000);
        recent.StartAfter(0);
        _exchange = new ExchangeService(store, new PartnerRegistry(registered), _time, recent);
        _subscriptions = new SubscriptionService(_exchange, store, recent, _time, maxLag: 10_000);
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

        return new CityRiskClient(Endpoint, new CityRiskCredential(partnerId, token), options ?? new CityRiskClientOptions(), new Invoker(this));
    }

    /// <summary>The fake's call layer and a partner's token: for running the conformance checks against the fake itself.</summary>
    internal IGrpcCallInvoker CreateInvoker() => new Invoker(this);

    internal string TokenOf(string partnerId) => _tokens[partnerId];

    /// <summary>Ends open subscriptions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    private GrpcServerCallContext Context(GrpcCallOptions options, CancellationToken cancellationToken)
    {
        var http = new DefaultHttpContext();
        foreach (var (name, value) in options.Metadata)
        {
            http.Request.Headers[name] = value;
        }

        return new GrpcServerCallContext(http, options.Timeout is { } timeout ? _time.GetUtcNow() + timeout : null, cancellationToken);
    }

    private static GrpcCallException ToCallException(GrpcStatusException ex) => new(ex.StatusCode, ex.Message, ex.Trailers);

    /// <summary>The call layer, in memory: requests go to the exchange's handlers; their statuses come back as the wire would carry them.</summary>
    private sealed class Invoker(FakeExchange fake) : IGrpcCallInvoker
    {
        public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
            where TRequest : IMessage<TRequest>
            where TResponse : IMessage<TResponse>
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, fake._closing.Token);
            if (options.Timeout is { } timeout)
            {
                deadline.CancelAfter(timeout);
            }

            var context = fake.Context(options, deadline.Token);
            // A copy, as the wire would make: the caller may change its request afterwards.
            var copy = (IMessage)request.Clone();
            try
            {
                IMessage response = copy switch
                {
                    PublishRequest publish => await fake._exchange.PublishAsync(publish, context).ConfigureAwait(false),
                    PublishBatchRequest batch => await fake._exchange.PublishBatchAsync(batch, context).ConfigureAwait(false),
                    GetRequest get => await fake._exchange.GetAsync(get, context).ConfigureAwait(false),
                    QueryRequest query => await fake._exchange.QueryAsync(query, context).ConfigureAwait(false),
                    _ => throw new GrpcCallException(GrpcStatusCode.Unimplemented, $"Method '{method.Path}' is not implemented by the fake exchange."),
                };
                return method.ResponseParser.ParseFrom(response.ToByteArray());
            }
            catch (GrpcStatusException ex)
            {
                throw ToCallException(ex);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !options.CancellationToken.IsCancellationRequested)
            {
                throw new GrpcCallException(GrpcStatusCode.DeadlineExceeded, "The call's deadline passed before it completed.");
            }
        }

        public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
            where TRequest : IMessage<TRequest>
            where TResponse : IMessage<TResponse>
        {
            if (request is not SubscribeRequest subscribe)
            {
                throw new GrpcCallException(GrpcStatusCode.Unimplemented, $"Method '{method.Path}' is not implemented by the fake exchange.");
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, fake._closing.Token);
            var channel = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
            var writer = new ChannelWriter(channel.Writer, options.OnResponseHeaders);
            var context = fake.Context(options with { Timeout = null }, stop.Token);
            var run = Task.Run(async () =>
            {
                try
                {
                    await fake._subscriptions.SubscribeAsync(subscribe.Clone(), writer, context).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (GrpcStatusException ex)
                {
                    channel.Writer.TryComplete(ToCallException(ex));
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            }, CancellationToken.None);
            try
            {
                await foreach (var delivery in Read(channel.Reader, stop.Token).ConfigureAwait(false))
                {
                    yield return method.ResponseParser.ParseFrom(delivery.ToByteArray());
                }
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await run.ConfigureAwait(false);
            }
        }

        private static async IAsyncEnumerable<Delivery> Read(ChannelReader<Delivery> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var delivery))
                {
                    yield return delivery;
                }
            }
        }
    }

    /// <summary>The server side of a subscription, writing into a bounded channel (its capacity plays the part of HTTP/2 flow control).</summary>
    private sealed class ChannelWriter(ChannelWriter<Delivery> channel, Action<IReadOnlyDictionary<string, string>>? onHeaders) : IServerStreamWriter<Delivery>
    {
        private readonly List<Delivery> _buffered = [];

        public async Task WriteAsync(Delivery message, CancellationToken cancellationToken) => await channel.WriteAsync(message, cancellationToken).ConfigureAwait(false);

        public void WriteFrame(ReadOnlySpan<byte> frame) => _buffered.Add(Delivery.Parser.ParseFrom(frame[GrpcProtocol.FrameHeaderLength..]));

        public Task SendHeadersAsync(IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
        {
            onHeaders?.Invoke(headers);
            return Task.CompletedTask;
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            foreach (var delivery in _buffered)
            {
                await channel.WriteAsync(delivery, cancellationToken).ConfigureAwait(false);
            }

            _buffered.Clear();
        }
    }
}
