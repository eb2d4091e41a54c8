using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Json;
using CityRisk.Server.Exchange;
using CityRisk.Server.Health;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>A hub on real Kestrel (127.0.0.1, free port, HTTP/2) with registered partners, and clients for them.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    public static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new(ExchangeService.ServiceName, "Publish", PublishResponse.Parser);
    public static readonly GrpcMethod<PublishBatchRequest, PublishBatchResponse> PublishBatch = new(ExchangeService.ServiceName, "PublishBatch", PublishBatchResponse.Parser);
    public static readonly GrpcMethod<GetRequest, GetResponse> Get = new(ExchangeService.ServiceName, "Get", GetResponse.Parser);
    public static readonly GrpcMethod<QueryRequest, QueryResponse> Query = new(ExchangeService.ServiceName, "Query", QueryResponse.Parser);
    public static readonly GrpcMethod<SubscribeRequest, Delivery> Subscribe = new(ExchangeService.ServiceName, "Subscribe", Delivery.Parser);

    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _tokens;
    private readonly HttpGrpcCallInvoker _client;

    private TestHub(WebApplication app, Uri address, Dictionary<string, string> tokens)
    {
        _app = app;
        _tokens = tokens;
        _client = new HttpGrpcCallInvoker(address);
    }

    public static async Task<TestHub> StartAsync(IEnumerable<(string Id, string[] Roles)> partnerSpecs, IExchangeStore? store = null, int maxLag = 10_000)
    {
        var tokens = new Dictionary<string, string>();
        var partners = new List<Partner>();
        foreach (var (id, roles) in partnerSpecs)
        {
            var token = PartnerTokens.Generate();
            tokens[id] = token;
            partners.Add(new Partner
            {
                Id = PartyId.Parse(id),
                Roles = roles,
                CapSenders = [CapSender(id)],
                Credentials = [new PartnerCredential { Id = "test", Hash = PartnerTokens.Hash(token) }],
            });
        }

        store ??= new InMemoryExchangeStore();
        var (app, address) = await LoopbackServer.StartAsync(services => services.AddRouting(), async app =>
        {
            var options = new GrpcServerOptions();
            var recent = new RecentMessages(10_000);
            recent.StartAfter(await store.GetLastCursorAsync(TestContext.Current.CancellationToken));
            var exchange = new ExchangeService(store, new PartnerRegistry(partners), TimeProvider.System, recent);
            var services = new GrpcServiceBuilder(app, ExchangeService.ServiceName, options);
            exchange.Map(services);
            new SubscriptionService(exchange, store, recent, TimeProvider.System, maxLag).Map(services);
            new GrpcHealthService().Map(new GrpcServiceBuilder(app, GrpcHealthService.ServiceName, options));
            GrpcServiceBuilder.MapUnimplementedFallback(app);
        });
        return new TestHub(app, address, tokens);
    }

    public static Task<TestHub> StartAsync() => StartAsync(
    [
        ("foshan-em", ["city"]),
        ("macau-smg", ["city"]),
        ("shenzhen-gas", ["lifeline-operator"]),
        ("hefei-gas", ["lifeline-operator"]),
        ("outsider", ["vendor"]),
    ]);

    public static string CapSender(string partner) => $"alerts@{partner}.example.cn";

    public GrpcCallOptions As(string partner) => new()
    {
        Metadata = [new("authorization", $"Bearer {_tokens[partner]}")],
        Timeout = TimeSpan.FromSeconds(20),
        CancellationToken = TestContext.Current.CancellationToken,
    };

    public Task<TResponse> CallAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, string partner)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> => _client.UnaryAsync(method, request, As(partner));

    public Task<TResponse> CallAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : Google.Protobuf.IMessage<TRequest>
        where TResponse : Google.Protobuf.IMessage<TResponse> => _client.UnaryAsync(method, request, options);

    public IAsyncEnumerable<Delivery> SubscribeAsync(SubscribeRequest request, GrpcCallOptions options) =>
        _client.ServerStreamingAsync(Subscribe, request, options);

    public IAsyncEnumerable<Delivery> SubscribeAsync(SubscribeRequest request, string partner, CancellationToken cancellationToken) =>
        _client.ServerStreamingAsync(Subscribe, request, As(partner) with { Timeout = null, CancellationToken = cancellationToken });

    /// <summary>Reads a subscription until <paramref name="count"/> deliveries arrived (bounded by a timeout).</summary>
    public async Task<List<Delivery>> TakeAsync(SubscribeRequest request, string partner, int count, Func<Task>? afterStart = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var received = new List<Delivery>();
        var stream = SubscribeAsync(request, partner, timeout.Token).GetAsyncEnumerator(timeout.Token);
        try
        {
            var next = stream.MoveNextAsync().AsTask();
            if (afterStart is not null)
            {
                await Task.Delay(200, timeout.Token);
                await afterStart();
            }

            while (received.Count < count && await next)
            {
                received.Add(stream.Current);
                if (received.Count < count)
                {
                    next = stream.MoveNextAsync().AsTask();
                }
            }
        }
        finally
        {
            await timeout.CancelAsync();
            try
            {
                await stream.DisposeAsync();
            }
            catch (OperationCanceledException)
            {
            }
        }

        return received;
    }

    public async Task<List<Delivery>> QueryAllAsync(string partner, Filter? filter = null, uint pageSize = 7)
    {
        var items = new List<Delivery>();
        var token = string.Empty;
        do
        {
            var page = await CallAsync(Query, new QueryRequest { Filter = filter ?? new Filter(), PageSize = pageSize, PageToken = token }, partner);
            items.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return items;
    }

    /// <summary>A valid alert from a partner, with its scope and audience.</summary>
    public static Alert Alert(string partner, string id, AlertScope scope = AlertScope.Public, string[]? addresses = null, WarningLevel level = WarningLevel.Yellow, string geocode = "440600", double longitude = 113.0) => new()
    {
        Identifier = id,
        Sender = CapSender(partner),
        Sent = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(8)),
        Status = AlertStatus.Actual,
        MessageType = AlertMessageType.Alert,
        Scope = scope,
        Restriction = scope == AlertScope.Restricted ? "lifeline operators" : null,
        Addresses = addresses,
        Info =
        [
            new AlertInfo
            {
                Categories = [AlertCategory.Met],
                Event = "Rainstorm",
                Urgency = AlertUrgency.Expected,
                Severity = AlertSeverity.Moderate,
                Certainty = AlertCertainty.Likely,
                Level = level,
                Areas =
                [
                    new Area
                    {
                        Description = "area",
                        Polygons = [GeoPolygon.FromRing(new(longitude, 23), new(longitude + 0.2, 23), new(longitude + 0.2, 23.2), new(longitude, 23.2), new(longitude, 23))],
                        Geocodes = [new NamedValue(Jurisdiction.GeocodeValueName, geocode)],
                    },
                ],
            },
        ],
    };

    public static PublishRequest Request(string partner, Alert alert, params string[] roles) =>
        new() { Envelope = AlertEnvelope.Create(alert, partner, CityRiskJson.Write(alert), CityRiskJson.ContentType(DocumentKinds.Alert), roles) };

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
