using CityRisk.Alerts;
using CityRisk.Protocol.V1;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>docs/protocol.md §3.5: an Update or Cancel names earlier alerts in its references; Query shows the current state of each thread.</summary>
public sealed class AlertThreadTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(8));

    private TestHub _hub = null!;

    public async ValueTask InitializeAsync() => _hub = await TestHub.StartAsync();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private Task<PublishResponse> PublishAsync(string sender, string id, AlertMessageType type = AlertMessageType.Alert, string? references = null, string referenceSender = "foshan-em", DateTimeOffset? expires = null)
    {
        var alert = TestHub.Alert(sender, id) with
        {
            MessageType = type,
            References = references is null ? null : [new AlertReference(TestHub.CapSender(referenceSender), references, Sent)],
        };
        if (expires is not null)
        {
            alert = alert with { Info = [alert.Info[0] with { Expires = expires }] };
        }

        return _hub.CallAsync(TestHub.Publish, TestHub.Request(sender, alert), sender);
    }

    private async Task<List<string>> QueryAsync(Filter? filter = null) => [.. (await _hub.QueryAllAsync("macau-smg", filter)).Select(d => d.Envelope.Id)];

    [Fact]
    public async Task Query_shows_the_current_state_and_history_on_request()
    {
        await PublishAsync("foshan-em", "typhoon-1");
        await PublishAsync("foshan-em", "typhoon-2", AlertMessageType.Update, references: "typhoon-1");
        Assert.Equal(["typhoon-2"], await QueryAsync());

        await PublishAsync("foshan-em", "typhoon-3", AlertMessageType.Cancel, references: "typhoon-2");
        Assert.Equal(["typhoon-3"], await QueryAsync());
        Assert.Equal(["typhoon-1", "typhoon-2", "typhoon-3"], await QueryAsync(new Filter { IncludeSuperseded = true }));
    }

    [Fact]
    public async Task Subscribe_replays_the_whole_thread()
    {
        await PublishAsync("foshan-em", "t1");
        await PublishAsync("foshan-em", "t2", AlertMessageType.Update, references: "t1");
        var replay = await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true }, "macau-smg", 2);
        Assert.Equal(["t1", "t2"], replay.Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task Another_partner_cannot_supersede_an_alert()
    {
        await PublishAsync("foshan-em", "f1");
        // Macau "updates" Foshan's alert: its reference names Foshan's CAP sender, which is not Macau's.
        await PublishAsync("macau-smg", "m1", AlertMessageType.Update, references: "f1", referenceSender: "foshan-em");
        Assert.Equal(["f1", "m1"], await QueryAsync());
    }

    [Fact]
    public async Task Expired_alerts_leave_query_but_stay_replayable()
    {
        await PublishAsync("foshan-em", "old", expires: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        await PublishAsync("foshan-em", "current");
        Assert.Equal(["current"], await QueryAsync());
        Assert.Equal(["old", "current"], await QueryAsync(new Filter { IncludeExpired = true }));
        Assert.Equal(["old", "current"], (await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true }, "macau-smg", 2)).Select(d => d.Envelope.Id));
    }
}
