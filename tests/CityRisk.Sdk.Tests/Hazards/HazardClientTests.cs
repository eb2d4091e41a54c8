using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Hazards;
using Grpc.Core;

namespace CityRisk.Sdk.Tests.Hazards;

/// <summary>
/// <c>client.Hazards</c> against the reference hub on loopback with its SQLite store: register, get, query, the
/// observation writer, the status, and the warnings the hub publishes, including across a hub restart.
/// </summary>
public sealed class HazardClientTests
{
    private static readonly (string Id, string[] Roles)[] Partners =
    [
        ("hefei-lifeline", ["lifeline-operator"]),
        ("hefei-em", ["city"]),
        ("macau-smg", ["city"]),
        ("hefei-monitor", ["hub"]),
    ];

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8));

    private static Task<TestExchange> StartAsync() => TestExchange.StartAsync(options => options.MonitorPartner = "hefei-monitor", partnerSpecs: Partners);

    private static Hazard Bridge(long revision = 1) =>
        DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "hazards", "hefei-bridge.json"))).Value! with { Revision = revision };

    private static Observation Reading(double minute, double value, string indicator = "strain-s3") => new()
    {
        HazardOwner = "hefei-lifeline",
        HazardId = "hf-bridge-0042",
        IndicatorId = indicator,
        ObservedAt = Start.AddMinutes(minute),
        Value = value,
    };

    [Fact]
    public async Task A_registered_hazard_is_read_back_and_its_status_follows_the_written_readings()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync();
        using var owner = hub.Client("hefei-lifeline");
        using var city = hub.Client("hefei-em");
        using var macau = hub.Client("macau-smg");

        var registered = await owner.Hazards.RegisterAsync(Bridge(), cancel);
        Assert.Equal("hazard/hf-bridge-0042/1", registered.Id);
        Assert.True((await owner.Hazards.RegisterAsync(Bridge(), cancel)).Duplicate);
        var read = await city.Hazards.GetAsync("hefei-lifeline", "hf-bridge-0042", cancel);
        Assert.Equal(Bridge(), read.Hazard);
        var missing = await Assert.ThrowsAsync<CityRiskException>(() => macau.Hazards.GetAsync("hefei-lifeline", "hf-bridge-0042", cancel));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await macau.Hazards.QueryAsync(cancellationToken: cancel).ToListAsync(cancel));
        Assert.Single(await city.Hazards.QueryAsync(new HazardQuery { Filter = new HazardFilter { Types = [HazardTypes.Bridge], RiskGrades = [RiskGrade.Significant, RiskGrade.Major] } }, cancel).ToListAsync(cancel));
        Assert.Empty(await city.Hazards.QueryAsync(new HazardQuery { Filter = new HazardFilter { Domains = [RiskDomain.NaturalDisaster] } }, cancel).ToListAsync(cancel));

        using var subscribed = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var warnings = city.Alerts.SubscribeAsync(new AlertSubscribeOptions { Filter = new AlertFilter { Senders = ["hefei-monitor"] }, Start = SubscriptionStart.FromBeginning }, subscribed.Token)
            .GetAsyncEnumerator(subscribed.Token);

        var refused = new List<ObservationOutcome>();
        await using (var writer = owner.Hazards.CreateObservationWriter(new ObservationWriterOptions { BatchSize = 7, Refused = refused.Add }))
        {
            for (var minute = 0; minute < 30; minute++)
            {
                await writer.WriteAsync(Reading(minute, minute == 20 ? 1050 : 600), cancel);
            }

            await writer.WriteAsync(Reading(31, 1, indicator: "tilt"), cancel);
            await writer.FlushAsync(cancel);
            Assert.Equal(new ObservationWriterSummary(30, 0, 1, 5), writer.Summary);
        }

        Assert.Equal("OBSERVATION-INDICATOR-UNKNOWN", Assert.Single(Assert.Single(refused).Problems).Code);
        Assert.Equal(30, refused[0].Index);

        var status = await city.Hazards.GetStatusAsync("hefei-lifeline", "hf-bridge-0042", cancel);
        Assert.Equal(WarningLevel.Orange, status.Level);
        Assert.Equal(("hefei-monitor", "cityrisk-hazard.hefei-lifeline.hf-bridge-0042.1"), (status.WarningSender, status.WarningId));
        Assert.True(await warnings.MoveNextAsync());
        Assert.Equal((AlertMessageType.Alert, WarningLevel.Orange), (warnings.Current.Alert.MessageType, warnings.Current.Alert.Info[0].Level));

        // Ten minutes clear of every release value: back to normal, and the warning is cancelled.
        var outcomes = await owner.Hazards.RecordAsync([Reading(40, 600), Reading(50, 600)], cancel);
        Assert.All(outcomes, o => Assert.True(o.Recorded && !o.Duplicate));
        Assert.True(await warnings.MoveNextAsync());
        Assert.Equal(AlertMessageType.Cancel, warnings.Current.Alert.MessageType);
        Assert.Null((await owner.Hazards.GetStatusAsync("hefei-lifeline", "hf-bridge-0042", cancel)).Level);
        await subscribed.CancelAsync();

        var stored = await city.Hazards.QueryObservationsAsync("hefei-lifeline", "hf-bridge-0042", observedFrom: Start.AddMinutes(19), observedBefore: Start.AddMinutes(21), cancellationToken: cancel).ToListAsync(cancel);
        Assert.Equal([600.0, 1050.0], stored.Select(o => o.Value));
        Assert.Empty(await macau.Alerts.QueryAsync(new AlertQuery { Filter = new AlertFilter { Senders = ["hefei-monitor"] }, IncludeSuperseded = true }, cancel).ToListAsync(cancel));
    }

    [Fact]
    public async Task A_writer_keeps_every_reading_across_a_hub_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var hub = await StartAsync();
        using var owner = hub.Client("hefei-lifeline", options => options.Retry.MaxRetries = 8);
        await owner.Hazards.RegisterAsync(Bridge(), cancel);

        await using var writer = owner.Hazards.CreateObservationWriter(new ObservationWriterOptions { BatchSize = 50, MaxDelay = TimeSpan.FromMilliseconds(5) });
        for (var i = 0; i < 2000; i++)
        {
            if (i == 1000)
            {
                await writer.FlushAsync(cancel);
                await hub.RestartAsync();
            }

            await writer.WriteAsync(Reading(i / 10.0, 500), cancel);
        }

        var summary = await writer.CompleteAsync(cancel);
        Assert.Equal(2000, summary.Recorded + summary.Duplicates);
        Assert.Equal(0, summary.Refused);
        var stored = await owner.Hazards.QueryObservationsAsync("hefei-lifeline", "hf-bridge-0042", cancellationToken: cancel).CountAsync(cancel);
        Assert.Equal(2000, stored);
    }
}
