using CityRisk.Alerts;
using CityRisk.Client;

namespace CityRisk.Sdk.Tests.Subscriptions;

/// <summary>Subscriptions against the reference hub: exactly once, in order, across breaks the client must cure.</summary>
public sealed class ResumableSubscriptionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Reads until <paramref name="count"/> messages came, bounded by a timeout; <paramref name="onEach"/> runs after each.</summary>
    private static async Task<List<AlertMessage>> TakeAsync(IAsyncEnumerable<AlertMessage> stream, int count, CancellationTokenSource cancel, Func<int, Task>? onEach = null)
    {
        var received = new List<AlertMessage>();
        await foreach (var message in stream.WithCancellation(cancel.Token))
        {
            received.Add(message);
            if (onEach is not null)
            {
                await onEach(received.Count);
            }

            if (received.Count == count)
            {
                break;
            }
        }

        return received;
    }

    [Fact]
    public async Task A_subscription_resumes_across_a_hub_restart_with_nothing_lost_or_repeated()
    {
        await using var hub = await TestExchange.StartAsync();
        using var foshan = hub.Client("foshan-em");
        using var macau = hub.Client("macau-smg");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancel.CancelAfter(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
        {
            await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon($"before-{i}"), cancellationToken: Cancel);
        }

        var stream = macau.Alerts.SubscribeAsync(new AlertSubscribeOptions { Start = SubscriptionStart.FromBeginning }, cancel.Token);
        var received = await TakeAsync(stream, 6, cancel, async n =>
        {
            if (n == 2)
            {
                // The hub goes away mid-stream; two messages are published while it is down... by nobody (it is down),
                // then three after it is back, on the same store.
                await hub.RestartAsync();
                for (var i = 0; i < 3; i++)
                {
                    await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon($"after-{i}"), cancellationToken: Cancel);
                }
            }
        });

        Assert.Equal(["before-0", "before-1", "before-2", "after-0", "after-1", "after-2"], received.Select(m => m.Id));
        Assert.Equal(received.Select(m => m.Cursor).Order(), received.Select(m => m.Cursor));
    }

    [Fact]
    public async Task A_subscriber_cut_off_for_falling_behind_resumes_and_sees_each_message_once_in_order()
    {
        await using var hub = await TestExchange.StartAsync(o => { o.RecentMessageCapacity = 64; o.MaxSubscriberLag = 4; });
        using var foshan = hub.Client("foshan-em");
        using var macau = hub.Client("macau-smg");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancel.CancelAfter(TimeSpan.FromSeconds(60));
        const int Count = 120;
        await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon("m-000"), cancellationToken: Cancel);

        var stream = macau.Alerts.SubscribeAsync(new AlertSubscribeOptions { Start = SubscriptionStart.After(0) }, cancel.Token);
        var received = await TakeAsync(stream, Count, cancel, async n =>
        {
            if (n == 1)
            {
                // A slow consumer: the log runs far past the lag limit while it sits on the first message, so the hub
                // cuts the stream off with RESOURCE_EXHAUSTED once it is read again.
                for (var i = 1; i < Count; i++)
                {
                    await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon($"m-{i:D3}"), cancellationToken: Cancel);
                }
            }
        });

        Assert.Equal(Count, received.Count);
        Assert.Equal(received.Select(m => m.Id).Distinct().Count(), received.Count);
        Assert.Equal(received.Select(m => m.Cursor).Order(), received.Select(m => m.Cursor));
    }
}
