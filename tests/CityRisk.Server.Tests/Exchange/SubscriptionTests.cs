using CityRisk.Alerts;
using CityRisk.Server.Exchange;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Microsoft.AspNetCore.Http;
using WireLevel = CityRisk.Wire.V1.WarningLevel;

namespace CityRisk.Server.Tests.Exchange;

public sealed class SubscriptionTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async ValueTask InitializeAsync() => _hub = await TestHub.StartAsync();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private Task<PublishResponse> PublishAsync(string id, AlertScope scope = AlertScope.Public, WarningLevel level = WarningLevel.Yellow, string geocode = "440600", string[]? roles = null, string sender = "foshan-em") =>
        _hub.CallAsync(TestHub.Publish, TestHub.Request(sender, TestHub.Alert(sender, id, scope, scope == AlertScope.Private ? ["macau-smg"] : null, level, geocode), roles ?? []), sender);

    [Fact]
    public async Task From_now_delivers_what_is_published_after_the_call_starts()
    {
        await PublishAsync("before");
        var received = await _hub.TakeAsync(new SubscribeRequest { FromNow = true }, "macau-smg", 3, async () =>
        {
            await PublishAsync("a1");
            await PublishAsync("a2");
            await PublishAsync("a3");
        });
        Assert.Equal(["a1", "a2", "a3"], received.Select(d => d.Envelope.Id));
        Assert.Equal([2UL, 3, 4], received.Select(d => d.Cursor));
    }

    [Fact]
    public async Task From_the_beginning_replays_then_goes_live()
    {
        await PublishAsync("h1");
        await PublishAsync("h2");
        var received = await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true }, "macau-smg", 3, () => PublishAsync("live"));
        Assert.Equal(["h1", "h2", "live"], received.Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task After_a_cursor_resumes_without_repeating()
    {
        for (var i = 1; i <= 5; i++)
        {
            await PublishAsync($"r{i}");
        }

        var received = await _hub.TakeAsync(new SubscribeRequest { AfterCursor = 3 }, "macau-smg", 2);
        Assert.Equal([4UL, 5], received.Select(d => d.Cursor));
    }

    [Fact]
    public async Task Filters_and_scope_select_the_deliveries()
    {
        await PublishAsync("blue", level: WarningLevel.Blue);
        await PublishAsync("red-macau", level: WarningLevel.Red, geocode: "820000");
        await PublishAsync("restricted", AlertScope.Restricted, WarningLevel.Red, roles: ["lifeline-operator"]);
        await PublishAsync("private", AlertScope.Private, WarningLevel.Red);
        await PublishAsync("red-foshan", level: WarningLevel.Red, geocode: "440605");

        var red = await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true, Filter = new Filter { MinLevel = WireLevel.Red } }, "macau-smg", 3);
        Assert.Equal(["red-macau", "private", "red-foshan"], red.Select(d => d.Envelope.Id));

        var guangdong = await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true, Filter = new Filter { Jurisdictions = { "440000" } } }, "shenzhen-gas", 3);
        Assert.Equal(["blue", "restricted", "red-foshan"], guangdong.Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task Concurrent_publishers_are_delivered_in_cursor_order_without_gaps()
    {
        const int Count = 80;
        var received = await _hub.TakeAsync(new SubscribeRequest { FromNow = true }, "macau-smg", Count, () =>
            Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < Count / 8; i++)
                {
                    await PublishAsync($"c{w}-{i}");
                }
            }))));
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (ulong)i), received.Select(d => d.Cursor));
    }

    [Fact]
    public async Task A_cursor_beyond_the_log_is_out_of_range()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _hub.TakeAsync(new SubscribeRequest { AfterCursor = 99 }, "macau-smg", 1));
        Assert.Equal(GrpcStatusCode.OutOfRange, error.StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_subscribers_are_refused()
    {
        var anonymous = _hub.As("macau-smg") with { Metadata = [] };
        var error = await Assert.ThrowsAsync<GrpcCallException>(async () =>
        {
            await foreach (var _ in _hub.SubscribeAsync(new SubscribeRequest { FromBeginning = true }, anonymous))
            {
            }
        });
        Assert.Equal(GrpcStatusCode.Unauthenticated, error.StatusCode);
    }
}

/// <summary>The lag limit, driven directly: a subscriber whose writes stall while the log moves on is cut off with its resume cursor.</summary>
public class SubscriptionLagTests
{
    [Fact]
    public async Task A_live_subscriber_that_falls_too_far_behind_gets_resource_exhausted_with_its_resume_cursor()
    {
        var token = PartnerTokens.Generate();
        var registry = new PartnerRegistry([new Partner { Id = PartyId.Parse("foshan-em"), CapSenders = [TestHub.CapSender("foshan-em")], Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(token) }] }]);
        var store = new InMemoryExchangeStore();
        var recent = new RecentMessages(1000);
        recent.StartAfter(0);
        var exchange = new ExchangeService(store, registry, TimeProvider.System, recent);
        var subscriptions = new SubscriptionService(exchange, store, recent, TimeProvider.System, maxLag: 10);

        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {token}";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var context = new GrpcServerCallContext(http, null, cancel.Token);
        using var writer = new StallingWriter();

        var subscription = subscriptions.SubscribeAsync(new SubscribeRequest { FromNow = true }, writer, context);
        await PublishAsync(exchange, context, "first");
        await writer.FirstWrite.Task.WaitAsync(cancel.Token);

        // The subscriber is stuck writing "first"; the log moves 30 messages on.
        for (var i = 0; i < 30; i++)
        {
            await PublishAsync(exchange, context, $"m{i}");
        }

        writer.Release();
        var error = await Assert.ThrowsAsync<GrpcStatusException>(() => subscription);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("1", error.Trailers[GrpcProtocol.ResumeCursorTrailer]);
        Assert.Equal(31, await store.GetLastCursorAsync(cancel.Token));
    }

    private static Task<PublishResponse> PublishAsync(ExchangeService exchange, GrpcServerCallContext context, string id) =>
        exchange.PublishAsync(TestHub.Request("foshan-em", TestHub.Alert("foshan-em", id)), context);

    private sealed class StallingWriter : IServerStreamWriter<Delivery>, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(0);

        public void Dispose() => _gate.Dispose();

        public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.Release(int.MaxValue / 2);

        public async Task WriteAsync(Delivery message, CancellationToken cancellationToken)
        {
            WriteFrame(default);
            await FlushAsync(cancellationToken);
        }

        public void WriteFrame(ReadOnlySpan<byte> frame) => FirstWrite.TrySetResult();

        public Task SendHeadersAsync(IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task FlushAsync(CancellationToken cancellationToken) => await _gate.WaitAsync(cancellationToken);
    }
}
