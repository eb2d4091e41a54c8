using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;

namespace CityRisk.Sdk.Tests.Subscriptions;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-checkpoints-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_file_store_keeps_the_last_checkpoint_and_reports_a_damaged_file_with_its_path()
    {
        var store = new FileSubscriptionCheckpointStore(_folder);
        var hub = new Uri("http://127.0.0.1:5000/");
        Assert.Null(await store.GetAsync("macau-typhoons", Cancel));

        await store.SetAsync("macau-typhoons", new SubscriptionCheckpoint(41, hub, DateTimeOffset.UnixEpoch), Cancel);
        await store.SetAsync("macau-typhoons", new SubscriptionCheckpoint(42, hub, DateTimeOffset.UnixEpoch), Cancel);

        Assert.Equal(new SubscriptionCheckpoint(42, hub, DateTimeOffset.UnixEpoch), await new FileSubscriptionCheckpointStore(_folder).GetAsync("macau-typhoons", Cancel));
        Assert.Single(Directory.GetFiles(_folder));
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.checkpoint.json"), "{\"cursor\":", Cancel);
        var damaged = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.GetAsync("broken", Cancel));
        Assert.Contains("broken.checkpoint.json", damaged.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync("../escape", Cancel));
    }

    [Fact]
    public async Task A_named_subscription_resumes_after_its_checkpoint_in_a_new_client()
    {
        await using var hub = await TestExchange.StartAsync();
        var store = new FileSubscriptionCheckpointStore(_folder);
        var options = new AlertSubscribeOptions { Name = "macau-all", CheckpointStore = store, Start = SubscriptionStart.FromBeginning };
        using (var foshan = hub.Client("foshan-em"))
        {
            for (var i = 0; i < 5; i++)
            {
                await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon($"c-{i}"), cancellationToken: Cancel);
            }
        }

        var first = new List<string>();
        using (var macau = hub.Client("macau-smg"))
        {
            await foreach (var message in macau.Alerts.SubscribeAsync(options, Cancel))
            {
                first.Add(message.Id);
                if (first.Count == 3)
                {
                    break; // c-0 and c-1 were followed by a request for the next: processed. c-2 was still in hand.
                }
            }
        }

        var second = new List<string>();
        using (var macau = hub.Client("macau-smg"))
        {
            await foreach (var message in macau.Alerts.SubscribeAsync(options, Cancel))
            {
                second.Add(message.Id);
                if (message.Id == "c-4")
                {
                    break;
                }
            }
        }

        Assert.Equal(["c-0", "c-1", "c-2"], first);
        Assert.Equal(["c-2", "c-3", "c-4"], second);
    }

    [Fact]
    public async Task Redelivered_messages_are_dropped_after_a_broken_stream()
    {
        var invoker = new Client.ScriptedInvoker();
        var options = new CityRiskClientOptions();
        options.Reconnect.Delay = TimeSpan.FromMilliseconds(1);
        using var client = new CityRiskClient(invoker, new Uri("http://127.0.0.1:5999/"), new CityRiskCredential("macau-smg", "t"), options);
        var envelope = (int cursor) => SampleAlerts.Envelope(SampleAlerts.Typhoon($"d-{cursor}"));
        invoker.Stream((_, _) => Deliveries([1, 2], envelope, new RpcException(new Status(StatusCode.Unavailable, "connection reset"))));
        invoker.Stream((_, _) => Deliveries([2, 3], envelope, new RpcException(new Status(StatusCode.ResourceExhausted, "behind"), new Metadata { { ExchangeMetadata.ResumeCursor, "3" } })));
        invoker.Stream((_, _) => Deliveries([3, 4], envelope, null));

        var received = new List<long>();
        await foreach (var message in client.Alerts.SubscribeAsync(cancellationToken: Cancel))
        {
            received.Add(message.Cursor);
            if (message.Cursor == 4)
            {
                break;
            }
        }

        Assert.Equal([1L, 2L, 3L, 4L], received);
        var requests = invoker.Requests.Cast<SubscribeRequest>().ToList();
        Assert.True(requests[0].FromNow);
        Assert.Equal(2UL, requests[1].AfterCursor);
        Assert.Equal(3UL, requests[2].AfterCursor);
    }

    private static async IAsyncEnumerable<object> Deliveries(int[] cursors, Func<int, Envelope> envelope, Exception? end)
    {
        foreach (var cursor in cursors)
        {
            await Task.Yield();
            yield return new Delivery { Cursor = (ulong)cursor, Envelope = envelope(cursor) };
        }

        if (end is not null)
        {
            throw end;
        }
    }
}
