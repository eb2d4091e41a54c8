using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Json;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Benchmarks;

/// <summary>
/// What the client adds on top of the call layer, against the reference hub (in-memory store) on loopback:
/// a publish through <see cref="AlertClient.PublishAsync"/> (validation, JSON, envelope, Polly) against the same
/// publish as a bare call with a prepared request; a subscription's deliveries into the application (each alert
/// parsed, deduplicated, counted) against the bare stream of Delivery messages. The hub does the same work for
/// both sides of each pair: every publish after the first is a duplicate, and both streams replay the same log.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClientBenchmarks
{
    private const int StreamLength = 2_000;

    private static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new("cityrisk.v1.Exchange", "Publish", PublishResponse.Parser);
    private static readonly GrpcMethod<SubscribeRequest, Delivery> Subscribe = new("cityrisk.v1.Exchange", "Subscribe", Delivery.Parser);

    private WebApplication? _hub;
    private BenchmarkClient _bare = null!;
    private CityRiskClient _client = null!;
    private CityRiskClient _unvalidated = null!;
    private GrpcCallOptions _callOptions = null!;
    private Alert _alert = null!;
    private PublishRequest _request = null!;

    // Synchronous on purpose: the in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _unvalidated.Dispose();
        _bare.Dispose();
        _hub?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "publish: bare call, prepared request")]
    [BenchmarkCategory("Publish")]
    public async Task<ulong> PublishBare() => (await _bare.UnaryAsync(Publish, _request, _callOptions)).Cursor;

    [Benchmark(Description = "publish: AlertClient (validate, JSON, envelope, Polly)")]
    [BenchmarkCategory("Publish")]
    public async Task<long> PublishClient() => (await _client.Alerts.PublishAsync(_alert)).Cursor;

    [Benchmark(Description = "publish: AlertClient without client-side validation")]
    [BenchmarkCategory("Publish")]
    public async Task<long> PublishClientUnvalidated() => (await _unvalidated.Alerts.PublishAsync(_alert)).Cursor;

    [Benchmark(Baseline = true, OperationsPerInvoke = StreamLength, Description = "delivery: bare Delivery stream")]
    [BenchmarkCategory("Delivery")]
    public async Task<int> StreamBare()
    {
        var count = 0;
        using var stop = new CancellationTokenSource();
        try
        {
            await foreach (var _ in _bare.ServerStreamingAsync(Subscribe, new SubscribeRequest { FromBeginning = true }, _callOptions with { Timeout = null, CancellationToken = stop.Token }))
            {
                if (++count == StreamLength)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = StreamLength, Description = "delivery: AlertClient subscription into the application")]
    [BenchmarkCategory("Delivery")]
    public async Task<int> StreamClient()
    {
        var count = 0;
        await foreach (var _ in _client.Alerts.SubscribeAsync(new AlertSubscribeOptions { Start = SubscriptionStart.FromBeginning }))
        {
            if (++count == StreamLength)
            {
                break;
            }
        }

        return count;
    }

    private async Task SetupAsync()
    {
        var token = PartnerTokens.Generate();
        var registry = new PartnerRegistry([new Partner
        {
            Id = PartyId.Parse("foshan-em"),
            Roles = ["city"],
            CapSenders = ["alerts@foshan-em.example.cn"],
            Credentials = [new PartnerCredential { Id = "bench", Hash = PartnerTokens.Hash(token) }],
        }]);
        (_hub, var endpoint) = await LoopbackHost.StartAsync(
            services => services.AddCityRiskExchange(o =>
            {
                o.Store = "memory";
                o.Partners = registry;
            }),
            app => app.MapCityRiskExchange());

        var sample = CapAlertReader.Read(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Data", "foshan-typhoon.xml"))).Value!;
        _alert = sample with { Info = [.. sample.Info.Select(i => i with { Expires = null })] };
        _request = new PublishRequest { Envelope = AlertEnvelope.Create(_alert, "foshan-em", CityRiskJson.Write(_alert), CityRiskJson.ContentType(DocumentKinds.Alert)) };
        _callOptions = new GrpcCallOptions { Metadata = [new("authorization", $"Bearer {token}")], Timeout = TimeSpan.FromSeconds(30) };
        _bare = new BenchmarkClient(endpoint);
        var credential = new CityRiskCredential("foshan-em", token);
        _client = new CityRiskClient(endpoint, credential);
        _unvalidated = new CityRiskClient(endpoint, credential, new CityRiskClientOptions { ValidateBeforePublish = false });

        // The log the streams replay: the alert itself (cursor 1) and StreamLength - 1 more.
        await _bare.UnaryAsync(Publish, _request, _callOptions);
        for (var i = 1; i < StreamLength; i++)
        {
            var alert = _alert with { Identifier = $"{_alert.Identifier}-{i}" };
            await _bare.UnaryAsync(Publish, new PublishRequest { Envelope = AlertEnvelope.Create(alert, "foshan-em", CityRiskJson.Write(alert), CityRiskJson.ContentType(DocumentKinds.Alert)) }, _callOptions);
        }
    }
}
