using CityRisk.Alerts;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using Grpc.Core;
using WireLevel = CityRisk.Protocol.V1.WarningLevel;

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
        var error = await Assert.ThrowsAsync<RpcException>(() => _hub.TakeAsync(new SubscribeRequest { AfterCursor = 99 }, "macau-smg", 1));
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_subscribers_are_refused()
    {
        var anonymous = _hub.As(null);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _hub.SubscribeAsync(new SubscribeRequest { FromBeginning = true }, anonymous))
            {
            }
        });
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}

/// <summary>The live fan-out, driven directly: writes from the publishing path, the queue of a busy subscriber, and the lag limit.</summary>
public class SubscriptionLagTests
{
    private static (ExchangeService Exchange, SubscriptionService Subscriptions, RecentMessages Recent, IExchangeStore Store, string Token) Create(int maxLag)
    {
        var token = PartnerTokens.Generate();
        var registry = new PartnerRegistry([new Partner { Id = PartyId.Parse("foshan-em"), CapSenders = [TestHub.CapSender("foshan-em")], Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(token) }] }]);
        var store = new InMemoryExchangeStore();
        var recent = new RecentMessages(1000);
        recent.StartAfter(0);
        var exchange = new ExchangeService(store, registry, TimeProvider.System, recent);
        return (exchange, new SubscriptionService(exchange, store, recent, TimeProvider.System, maxLag), recent, store, token);
    }

    [Fact]
    public async Task A_live_subscriber_that_falls_too_far_behind_gets_resource_exhausted_with_its_resume_cursor()
    {
        var (exchange, subscriptions, recent, store, token) = Create(maxLag: 10);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var context = TestServerCallContext.As(token, cancel.Token);
        var writer = new StallingWriter();

        var subscription = subscriptions.SubscribeAsync(new SubscribeRequest { FromNow = true }, writer, context);
        await WaitLiveAsync(recent, cancel.Token);
        await PublishAsync(exchange, context, "first");
        await writer.FirstWrite.Task.WaitAsync(cancel.Token);

        // The subscriber's first write never completes (a client that stopped reading); the log moves 30 messages on.
        for (var i = 0; i < 30; i++)
        {
            await PublishAsync(exchange, context, $"m{i}");
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => subscription.WaitAsync(cancel.Token));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        // Nothing was written completely: it resumes after cursor 0 and gets "first" again.
        Assert.Equal("0", error.Trailers.GetValue(ExchangeMetadata.ResumeCursor));
        Assert.Equal(31, await store.GetLastCursorAsync(cancel.Token));
        Assert.Equal(0, recent.LiveCount);
        Assert.Equal("0", context.ResponseHeaders!.GetValue(ExchangeMetadata.StartCursor));
    }

    [Fact]
    public async Task A_busy_subscriber_queues_and_gets_every_message_once_in_order_when_its_write_completes()
    {
        var (exchange, subscriptions, recent, _, token) = Create(maxLag: 100);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var context = TestServerCallContext.As(token, cancel.Token);
        var writer = new StallingWriter();

        var subscription = subscriptions.SubscribeAsync(new SubscribeRequest { FromNow = true }, writer, context);
        await WaitLiveAsync(recent, cancel.Token);
        await PublishAsync(exchange, context, "first");
        await writer.FirstWrite.Task.WaitAsync(cancel.Token);
        // Publishers on several threads at once, while the subscriber's write is held.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await PublishAsync(exchange, context, $"t{t}-{i}");
            }
        }, cancel.Token)));

        writer.Release();
        await writer.Received(41).WaitAsync(cancel.Token);
        var cursors = writer.Cursors();
        Assert.Equal(Enumerable.Range(1, 41).Select(c => (ulong)c), cursors);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subscription);
        Assert.Equal(0, recent.LiveCount);
    }

    [Fact]
    public async Task An_idle_live_subscriber_is_written_from_the_publishing_path()
    {
        var (exchange, subscriptions, recent, _, token) = Create(maxLag: 100);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var context = TestServerCallContext.As(token, cancel.Token);
        var writer = new StallingWriter();
        writer.Release();

        var subscription = subscriptions.SubscribeAsync(new SubscribeRequest { FromNow = true }, writer, context);
        await WaitLiveAsync(recent, cancel.Token);
        await PublishAsync(exchange, context, "one");

        // Written before Publish returned, on the publisher's own thread: no hop to another thread for the delivery.
        Assert.Equal([1UL], writer.Cursors());
        Assert.Equal(Environment.CurrentManagedThreadId, writer.LastWriteThread);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subscription);
    }

    private static async Task WaitLiveAsync(RecentMessages recent, CancellationToken cancellationToken)
    {
        while (recent.LiveCount == 0)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    private static Task<PublishResponse> PublishAsync(ExchangeService exchange, ServerCallContext context, string id) =>
        exchange.PublishAsync(TestHub.Request("foshan-em", TestHub.Alert("foshan-em", id)), context);

    /// <summary>A stream whose writes stay in flight until released (HTTP/2 flow control holding them back).</summary>
    private sealed class StallingWriter : IServerStreamWriter<EncodedDelivery>
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<ulong> _cursors = [];
        private int _inFlight;

        public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WriteOptions? WriteOptions { get; set; }

        public int LastWriteThread { get; private set; }

        public void Release() => _released.TrySetResult();

        public List<ulong> Cursors()
        {
            lock (_cursors)
            {
                return [.. _cursors];
            }
        }

        public async Task Received(int count)
        {
            while (Cursors().Count < count)
            {
                await Task.Delay(5);
            }
        }

        public Task WriteAsync(EncodedDelivery message)
        {
            // grpc-dotnet refuses a write while another is in flight; so must the exchange never try.
            Assert.Equal(1, Interlocked.Increment(ref _inFlight));
            LastWriteThread = Environment.CurrentManagedThreadId;
            FirstWrite.TrySetResult();
            if (_released.Task.IsCompleted)
            {
                Complete(message);
                return Task.CompletedTask;
            }

            return CompleteLaterAsync(message);
        }

        private async Task CompleteLaterAsync(EncodedDelivery message)
        {
            await _released.Task;
            Complete(message);
        }

        private void Complete(EncodedDelivery message)
        {
            lock (_cursors)
            {
                _cursors.Add(message.Parse().Cursor);
            }

            Interlocked.Decrement(ref _inFlight);
        }
    }
}
