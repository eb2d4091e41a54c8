using CityRisk.Alerts;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
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
    [Fact]
    public async Task A_live_subscriber_that_falls_too_far_behind_gets_resource_exhausted_with_its_resume_cursor()
    {
        using var live = await Live.StartAsync(maxLag: 10);
        await live.PublishAsync("first");
        await live.Writer.FirstWrite.Task.WaitAsync(live.Token);

        // The subscriber's first write stays in flight (a client that stopped reading); the log moves 30 messages on.
        for (var i = 0; i < 30; i++)
        {
            await live.PublishAsync($"m{i}");
        }

        // Cut off, but the call does not end with a write in flight: it waits for that write, then ends.
        await Task.Delay(100, live.Token);
        Assert.False(live.Subscription.IsCompleted);
        live.Writer.Release();
        var error = await Assert.ThrowsAsync<RpcException>(() => live.Subscription.WaitAsync(live.Token));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        // "first" was written; what queued behind it was dropped: it resumes after cursor 1.
        Assert.Equal("1", error.Trailers.GetValue(ExchangeMetadata.ResumeCursor));
        Assert.Equal([1UL], live.Writer.Cursors());
        Assert.Equal(31, await live.Store.GetLastCursorAsync(live.Token));
        Assert.Equal(0, live.Recent.LiveCount);
        Assert.Equal("0", live.Context.ResponseHeaders!.GetValue(ExchangeMetadata.StartCursor));
    }

    [Fact]
    public async Task A_busy_subscriber_queues_and_gets_every_message_once_in_order_when_its_write_completes()
    {
        using var live = await Live.StartAsync(maxLag: 100);
        await live.PublishAsync("first");
        await live.Writer.FirstWrite.Task.WaitAsync(live.Token);
        // Publishers on several threads at once, while the subscriber's write is held.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await live.PublishAsync($"t{t}-{i}");
            }
        }, live.Token)));

        live.Writer.Release();
        await live.Writer.Received(41).WaitAsync(live.Token);
        Assert.Equal(Enumerable.Range(1, 41).Select(c => (ulong)c), live.Writer.Cursors());
        await live.StopAsync();
    }

    [Fact]
    public async Task An_idle_live_subscriber_is_written_from_the_publishing_path()
    {
        using var live = await Live.StartAsync(maxLag: 100, released: true);
        await live.PublishAsync("one");

        // Written before Publish returned, on the publisher's own thread: no hop to another thread for the delivery.
        Assert.Equal([1UL], live.Writer.Cursors());
        Assert.Equal(Environment.CurrentManagedThreadId, live.Writer.LastWriteThread);
        await live.StopAsync();
    }

    /// <summary>An exchange in memory with one from-now subscription that has gone live, writing to a <see cref="StallingWriter"/>.</summary>
    private sealed class Live : IDisposable
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        private ExchangeService _exchange = null!;

        public RecentMessages Recent { get; } = new(1000);

        public InMemoryExchangeStore Store { get; } = new();

        public StallingWriter Writer { get; } = new();

        public TestServerCallContext Context { get; private set; } = null!;

        public Task Subscription { get; private set; } = null!;

        public CancellationToken Token => _cancel.Token;

        public static async Task<Live> StartAsync(int maxLag, bool released = false)
        {
            var live = new Live();
            live._cancel.CancelAfter(TimeSpan.FromSeconds(20));
            var token = PartnerTokens.Generate();
            var registry = new PartnerRegistry([new Partner { Id = PartyId.Parse("foshan-em"), CapSenders = [TestHub.CapSender("foshan-em")], Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(token) }] }]);
            live.Recent.StartAfter(0);
            live._exchange = new ExchangeService(live.Store, registry, TimeProvider.System, live.Recent);
            var subscriptions = new SubscriptionService(live._exchange, live.Store, live.Recent, TimeProvider.System, maxLag);
            live.Context = TestServerCallContext.As(token, live.Token);
            if (released)
            {
                live.Writer.Release();
            }

            live.Subscription = subscriptions.SubscribeAsync(new SubscribeRequest { FromNow = true }, live.Writer, live.Context);
            while (live.Recent.LiveCount == 0)
            {
                await Task.Delay(5, live.Token);
            }

            return live;
        }

        public Task<PublishResponse> PublishAsync(string id) =>
            _exchange.PublishAsync(TestHub.Request("foshan-em", TestHub.Alert("foshan-em", id)), Context);

        /// <summary>Ends the call as a client that leaves would: the subscription ends and leaves the live set.</summary>
        public async Task StopAsync()
        {
            await _cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subscription);
            Assert.Equal(0, Recent.LiveCount);
        }

        public void Dispose() => _cancel.Dispose();
    }

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
