using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Json;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>A unary RPC of the exchange, as the tests name it: <c>TestHub.Publish</c>.</summary>
internal sealed record Rpc<TRequest, TResponse>(Func<CityRisk.Protocol.V1.Exchange.ExchangeClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> Call);

/// <summary>
/// A hub on real Kestrel (127.0.0.1, free port, HTTP/2) as a host builds one (<c>AddCityRiskExchange</c>,
/// <c>MapCityRiskExchange</c>, in-memory store) with registered partners, and the generated client to call it.
/// </summary>
internal sealed class TestHub : IAsyncDisposable
{
    public static readonly Rpc<PublishRequest, PublishResponse> Publish = new(static (c, r, o) => c.PublishAsync(r, o));
    public static readonly Rpc<PublishBatchRequest, PublishBatchResponse> PublishBatch = new(static (c, r, o) => c.PublishBatchAsync(r, o));
    public static readonly Rpc<GetRequest, GetResponse> Get = new(static (c, r, o) => c.GetAsync(r, o));
    public static readonly Rpc<QueryRequest, QueryResponse> Query = new(static (c, r, o) => c.QueryAsync(r, o));
    public static readonly Rpc<RecordObservationsRequest, RecordObservationsResponse> RecordObservations = new(static (c, r, o) => c.RecordObservationsAsync(r, o));
    public static readonly Rpc<QueryObservationsRequest, QueryObservationsResponse> QueryObservations = new(static (c, r, o) => c.QueryObservationsAsync(r, o));
    public static readonly Rpc<GetHazardStatusRequest, HazardStatus> GetHazardStatus = new(static (c, r, o) => c.GetHazardStatusAsync(r, o));
    public static readonly Rpc<IncidentStatisticsRequest, IncidentStatistics> GetIncidentStatistics = new(static (c, r, o) => c.GetIncidentStatisticsAsync(r, o));
    public static readonly Rpc<ResourcePoolRequest, ResourcePoolResponse> QueryResourcePool = new(static (c, r, o) => c.QueryResourcePoolAsync(r, o));
    public static readonly Rpc<GetResourceRequestStatusRequest, ResourceRequestStatus> GetResourceRequestStatus = new(static (c, r, o) => c.GetResourceRequestStatusAsync(r, o));

    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _tokens;
    private readonly GrpcChannel _channel;
    private readonly CityRisk.Protocol.V1.Exchange.ExchangeClient _client;

    private TestHub(WebApplication app, Uri address, Dictionary<string, string> tokens)
    {
        _app = app;
        _tokens = tokens;
        Address = address;
        _channel = CityRiskChannel.Create(address);
        _client = new CityRisk.Protocol.V1.Exchange.ExchangeClient(_channel);
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestHub> StartAsync(IEnumerable<(string Id, string[] Roles)> partnerSpecs, int maxLag = 10_000, Action<CityRiskExchangeOptions>? configure = null, IReadOnlyDictionary<string, string[]>? jurisdictions = null, IReadOnlyDictionary<string, string[]>? groups = null)
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
                Jurisdictions = jurisdictions?.GetValueOrDefault(id) ?? [],
                Groups = groups?.GetValueOrDefault(id) ?? [],
                Credentials = [new PartnerCredential { Id = "test", Hash = PartnerTokens.Hash(token) }],
            });
        }

        var (app, address) = await LoopbackServer.StartAsync(
            services => services.AddCityRiskExchange(options =>
            {
                options.Store = "memory";
                options.Partners = new PartnerRegistry(partners);
                options.MaxSubscriberLag = maxLag;
                configure?.Invoke(options);
            }),
            app =>
            {
                app.MapCityRiskExchange();
                return Task.CompletedTask;
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

    public string TokenOf(string partner) => _tokens[partner];

    /// <summary>The options of a call as a partner (null: no credential; any other text: that token).</summary>
    public CallOptions As(string? partner, TimeSpan? timeout = null, CancellationToken? cancellationToken = null, string? token = null) => new(
        headers: partner is null && token is null ? [] : [new Metadata.Entry(ExchangeMetadata.Authorization, $"Bearer {token ?? _tokens[partner!]}")],
        deadline: DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20)),
        cancellationToken: cancellationToken ?? TestContext.Current.CancellationToken);

    public Task<TResponse> CallAsync<TRequest, TResponse>(Rpc<TRequest, TResponse> method, TRequest request, string partner) =>
        method.Call(_client, request, As(partner)).ResponseAsync;

    public Task<TResponse> CallAsync<TRequest, TResponse>(Rpc<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        method.Call(_client, request, options).ResponseAsync;

    public AsyncServerStreamingCall<Delivery> Subscribe(SubscribeRequest request, CallOptions options) => _client.Subscribe(request, options);

    public async IAsyncEnumerable<Delivery> SubscribeAsync(SubscribeRequest request, CallOptions options)
    {
        using var call = _client.Subscribe(request, options);
        while (await call.ResponseStream.MoveNext(options.CancellationToken))
        {
            yield return call.ResponseStream.Current;
        }
    }

    public IAsyncEnumerable<Delivery> SubscribeAsync(SubscribeRequest request, string partner, CancellationToken cancellationToken) =>
        SubscribeAsync(request, new CallOptions(headers: As(partner).Headers, cancellationToken: cancellationToken));

    /// <summary>Reads a subscription until <paramref name="count"/> deliveries arrived (bounded by a timeout).</summary>
    public async Task<List<Delivery>> TakeAsync(SubscribeRequest request, string partner, int count, Func<Task>? afterStart = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var received = new List<Delivery>();
        using var call = _client.Subscribe(request, new CallOptions(headers: As(partner).Headers, cancellationToken: timeout.Token));
        try
        {
            // The hub sends its headers (cityrisk-start-cursor) once the stream is open: only then is "from now" now.
            await call.ResponseHeadersAsync;
            if (afterStart is not null)
            {
                await afterStart();
            }

            while (received.Count < count && await call.ResponseStream.MoveNext(timeout.Token))
            {
                received.Add(call.ResponseStream.Current);
            }
        }
        finally
        {
            await timeout.CancelAsync();
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
        _channel.Dispose();
        await _app.DisposeAsync();
    }
}
