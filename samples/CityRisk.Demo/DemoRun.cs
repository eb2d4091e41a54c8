using System.Collections.Concurrent;
using System.Security.Cryptography;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Hazards;
using Microsoft.Extensions.Logging;
using Grpc.Core;

namespace CityRisk.Demo;

/// <summary>
/// The scenario: Foshan warns of a typhoon (zh-CN and en) and of a gas-pipeline fault Restricted to lifeline
/// operators; Macau and Shenzhen subscribe by area; the hub restarts mid-stream; Foshan raises the warning to Red and
/// then lifts it. Checks at the end that every partner received exactly what concerned it, once, in order.
/// </summary>
public static class DemoRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly string[] Partners = ["foshan-em", "macau-smg", "shenzhen-gas", "shenzhen-em", "hefei-lifeline", "hefei-em", DemoHub.MonitorPartner, .. DemoIncidents.Partners, DemoResources.Jiangmen, DemoEnterprises.Regulator, DemoEnterprises.Insurer];

    /// <summary>Runs the demo; 0 when every partner received exactly what it should, 1 otherwise.</summary>
    /// <param name="output">Where the timeline goes.</param>
    /// <param name="cancellationToken">Stops the demo.</param>
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cityrisk-demo-").FullName;
        var timeline = new Timeline(output);
        try
        {
            return await RunAsync(folder, timeline, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunAsync(string folder, Timeline timeline, CancellationToken cancellationToken)
    {
        var tokens = Partners.ToDictionary(p => p, _ => "crk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        timeline.Section("An embedded hub on loopback, with a SQLite store");
        await using var hub = await DemoHub.StartAsync(folder,
        [
            ("foshan-em", ["city"], DemoAlerts.FoshanSender, tokens["foshan-em"]),
            ("macau-smg", ["city"], "alerts@macau-smg.example.mo", tokens["macau-smg"]),
            ("shenzhen-gas", ["lifeline-operator"], "ops@shenzhen-gas.example.cn", tokens["shenzhen-gas"]),
            ("shenzhen-em", ["city"], "alerts@shenzhen-em.example.cn", tokens["shenzhen-em"]),
            ("hefei-lifeline", ["lifeline-operator"], "ops@hefei-lifeline.example.cn", tokens["hefei-lifeline"]),
            ("hefei-em", ["city"], "alerts@hefei-em.example.cn", tokens["hefei-em"]),
            (DemoHub.MonitorPartner, ["hub"], "monitor@hefei-hub.example.cn", tokens[DemoHub.MonitorPartner]),
            (DemoIncidents.Grid, ["city"], "grid@kaifeng.example.cn", tokens[DemoIncidents.Grid]),
            (DemoIncidents.District, ["city"], "em@kaifeng-gulou.example.cn", tokens[DemoIncidents.District]),
            (DemoIncidents.Water, ["lifeline-operator"], "ops@kaifeng-water.example.cn", tokens[DemoIncidents.Water]),
            (DemoResources.Jiangmen, ["city"], "alerts@jiangmen-em.example.cn", tokens[DemoResources.Jiangmen]),
            (DemoEnterprises.Regulator, ["regulator"], "alerts@foshan-yjj.example.cn", tokens[DemoEnterprises.Regulator]),
            (DemoEnterprises.Insurer, ["insurer"], "risk@pingan-insurance.example.cn", tokens[DemoEnterprises.Insurer]),
        ], DemoIncidents.Jurisdictions, DemoResources.Groups, cancellationToken);
        timeline.Add("hub", $"listening on {hub.Endpoint} (store {hub.StorePath})");

        using var foshan = Client(hub, "foshan-em", tokens, timeline);
        using var macau = Client(hub, "macau-smg", tokens, timeline);
        using var shenzhenGas = Client(hub, "shenzhen-gas", tokens, timeline);
        using var shenzhenEm = Client(hub, "shenzhen-em", tokens, timeline);

        timeline.Section("Macau and Shenzhen subscribe by area");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var checkpoints = new FileSubscriptionCheckpointStore(Path.Combine(folder, "macau-checkpoints"));
        var macauInbox = Subscribe(macau, "Macau", new AlertSubscribeOptions
        {
            Filter = new AlertFilter { Area = DemoAlerts.Macau },
            Start = SubscriptionStart.FromBeginning,
            Name = "macau-typhoon-watch",
            CheckpointStore = checkpoints,
        }, timeline, stop.Token);
        var gasInbox = Subscribe(shenzhenGas, "Shenzhen Gas", new AlertSubscribeOptions { Filter = new AlertFilter { Area = DemoAlerts.Shenzhen }, Start = SubscriptionStart.FromBeginning }, timeline, stop.Token);
        var shenzhenInbox = Subscribe(shenzhenEm, "Shenzhen EM", new AlertSubscribeOptions { Filter = new AlertFilter { Area = DemoAlerts.Shenzhen }, Start = SubscriptionStart.FromBeginning }, timeline, stop.Token);
        timeline.Add("Macau", $"watches {Box(DemoAlerts.Macau)}, checkpoint 'macau-typhoon-watch' kept on disk");
        timeline.Add("Shenzhen Gas", $"(a lifeline operator) watches {Box(DemoAlerts.Shenzhen)}");
        timeline.Add("Shenzhen EM", $"(a city) watches {Box(DemoAlerts.Shenzhen)}");

        timeline.Section("Foshan warns");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var sent = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, now.Offset);
        var warning = DemoAlerts.TyphoonWarning(sent);
        var gas = DemoAlerts.GasPipeline(sent);
        Published(timeline, await foshan.Alerts.PublishAsync(warning, cancellationToken: cancellationToken), "typhoon warning, Orange, zh-CN + en");
        Published(timeline, await foshan.Alerts.PublishAsync(gas, new AlertPublishOptions { RestrictionRoles = ["lifeline-operator"] }, cancellationToken), "gas-pipeline alert, Yellow, Restricted to lifeline-operator");
        Published(timeline, await foshan.Alerts.PublishAsync(warning, cancellationToken: cancellationToken), "typhoon warning again (a retry): the hub already has it");
        await WaitUntilAsync(() => !macauInbox.IsEmpty && !gasInbox.IsEmpty, cancellationToken);

        timeline.Section("The hub restarts mid-stream");
        await hub.RestartAsync(cancellationToken);
        timeline.Add("hub", $"back on {hub.Endpoint}; the store kept everything");

        timeline.Section("Foshan raises the warning to Red, then lifts it");
        var update = DemoAlerts.TyphoonUpdate(sent.AddMinutes(30), warning);
        Published(timeline, await foshan.Alerts.PublishAsync(update, cancellationToken: cancellationToken), "Update: Red");
        var cancel = DemoAlerts.TyphoonCancel(sent.AddHours(6), warning, update);
        Published(timeline, await foshan.Alerts.PublishAsync(cancel, cancellationToken: cancellationToken), "Cancel: the typhoon has passed");
        await WaitUntilAsync(() => macauInbox.Count >= 3, cancellationToken);

        timeline.Section("What Macau can read now");
        var current = await ListAsync(macau.Alerts.QueryAsync(new AlertQuery { Filter = new AlertFilter { Area = DemoAlerts.Macau } }, cancellationToken));
        timeline.Add("Macau", $"current alerts in its area: {string.Join(", ", current.Select(m => $"{m.Id} ({m.Alert.MessageType})"))}");
        var history = await ListAsync(macau.Alerts.QueryAsync(new AlertQuery { Filter = new AlertFilter { Area = DemoAlerts.Macau }, IncludeSuperseded = true }, cancellationToken));
        timeline.Add("Macau", $"with the thread's history: {string.Join(", ", history.Select(m => m.Id))}");
        try
        {
            await macau.Alerts.GetAsync("foshan-em", gas.Identifier, cancellationToken);
            timeline.Add("Macau", "could read the Restricted gas alert: a scope leak!");
            return 1;
        }
        catch (CityRiskException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            timeline.Add("Macau", $"asks for {gas.Identifier}: {ex.ErrorCode}, as if it did not exist (Restricted to lifeline operators)");
        }

        var hefei = await RunHefeiAsync(hub, tokens, timeline, stop.Token);
        bool kaifeng;
        using (var grid = Client(hub, DemoIncidents.Grid, tokens, timeline))
        using (var district = Client(hub, DemoIncidents.District, tokens, timeline))
        using (var water = Client(hub, DemoIncidents.Water, tokens, timeline))
        {
            kaifeng = await DemoIncidents.RunAsync(grid, district, water, macau, timeline, cancellationToken);
        }

        bool gba;
        using (var hefeiEm = Client(hub, "hefei-em", tokens, timeline))
        {
            gba = await DemoResources.RunAsync(foshan, shenzhenEm, macau, hefeiEm, timeline, cancellationToken);
        }

        bool foshanInsurance;
        using (var regulator = Client(hub, DemoEnterprises.Regulator, tokens, timeline))
        using (var insurer = Client(hub, DemoEnterprises.Insurer, tokens, timeline))
        {
            foshanInsurance = await DemoEnterprises.RunAsync(regulator, insurer, folder, timeline, cancellationToken);
        }

        // Give stray deliveries, if there were any, time to arrive before the verdict.
        await Task.Delay(300, cancellationToken);
        await stop.CancelAsync();

        timeline.Section("Verdict");
        var ok = kaifeng & gba & foshanInsurance & hefei.Verdict(timeline)
            & Expect(timeline, "Macau", macauInbox, [warning.Identifier, update.Identifier, cancel.Identifier])
            & Expect(timeline, "Shenzhen Gas", gasInbox, [gas.Identifier])
            & Expect(timeline, "Shenzhen EM", shenzhenInbox, [])
            & Check(timeline, "Macau", current.Select(m => m.Id).SequenceEqual([cancel.Identifier]), "its current view holds the Cancel only");
        timeline.Add("demo", ok ? "every partner received exactly what concerned it, once, in order" : "FAILED: see above");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Hefei monitors a bridge: the operator registers it and streams strain readings; one crosses Orange, the hub warns
    /// the operator and the city (not Macau, who watches every warning it may see), the readings recover and the hub
    /// lifts the warning.
    /// </summary>
    private static async Task<HefeiOutcome> RunHefeiAsync(DemoHub hub, Dictionary<string, string> tokens, Timeline timeline, CancellationToken cancellationToken)
    {
        timeline.Section("Hefei monitors a bridge; the hub warns when a strain gauge crosses Orange");
        var operatorClient = Client(hub, "hefei-lifeline", tokens, timeline);
        var cityClient = Client(hub, "hefei-em", tokens, timeline);
        var macauClient = Client(hub, "macau-smg", tokens, timeline);
        var monitorOnly = new AlertSubscribeOptions { Filter = new AlertFilter { Senders = [DemoHub.MonitorPartner] }, Start = SubscriptionStart.FromBeginning };
        var operatorInbox = Subscribe(operatorClient, "Hefei Lifeline", monitorOnly, timeline, cancellationToken);
        var cityInbox = Subscribe(cityClient, "Hefei EM", monitorOnly, timeline, cancellationToken);
        var macauInbox = Subscribe(macauClient, "Macau", monitorOnly, timeline, cancellationToken);
        timeline.Add("Macau", $"also watches every warning the hub's monitor ({DemoHub.MonitorPartner}) publishes that it may see");

        var registered = await operatorClient.Hazards.RegisterAsync(DemoHazards.Bridge, cancellationToken);
        timeline.Add("Hefei Lifeline", $"registered {registered.Id} (Nanfei River Bridge, strain Orange at 1000 um/m; Restricted to lifeline operators and hefei-em) -> cursor {registered.Cursor}");

        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMinutes(-40);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, start.Offset);
        var refused = new ConcurrentQueue<ObservationOutcome>();
        await using (var writer = operatorClient.Hazards.CreateObservationWriter(new ObservationWriterOptions { Refused = refused.Enqueue }))
        {
            for (var minute = 0; minute < 5; minute++)
            {
                await writer.WriteAsync(DemoHazards.Strain(start.AddMinutes(minute), 620 + (minute * 10)), cancellationToken);
            }

            await writer.WriteAsync(DemoHazards.Strain(start.AddMinutes(5), 1046), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            timeline.Add("Hefei Lifeline", $"sent 6 readings, the last 1046 um/m at {start.AddMinutes(5):HH:mm}");
            await WaitUntilAsync(() => !cityInbox.IsEmpty && !operatorInbox.IsEmpty, cancellationToken);
            var status = await cityClient.Hazards.GetStatusAsync(DemoHazards.Owner, DemoHazards.Bridge.Id, cancellationToken);
            timeline.Add("Hefei EM", $"asks the bridge's status: {status.Level} (warning {status.WarningId})");

            for (var minute = 6; minute <= 18; minute++)
            {
                await writer.WriteAsync(DemoHazards.Strain(start.AddMinutes(minute), 700), cancellationToken);
            }

            var summary = await writer.CompleteAsync(cancellationToken);
            timeline.Add("Hefei Lifeline", $"sent 13 readings at 700 um/m, {start.AddMinutes(6):HH:mm} to {start.AddMinutes(18):HH:mm}: in all {summary.Recorded} recorded, {summary.Refused} refused");
        }

        await WaitUntilAsync(() => cityInbox.Count >= 2 && operatorInbox.Count >= 2, cancellationToken);
        var after = await operatorClient.Hazards.GetStatusAsync(DemoHazards.Owner, DemoHazards.Bridge.Id, cancellationToken);
        timeline.Add("Hefei Lifeline", $"asks the bridge's status: {after.Level?.ToString() ?? "Normal"}");
        return new HefeiOutcome([operatorClient, cityClient, macauClient], operatorInbox, cityInbox, macauInbox, refused, after.Level);
    }

    /// <summary>What the Hefei part saw, judged with the rest at the end.</summary>
    private sealed record HefeiOutcome(CityRiskClient[] Clients, ConcurrentQueue<AlertMessage> Operator, ConcurrentQueue<AlertMessage> City, ConcurrentQueue<AlertMessage> Macau, ConcurrentQueue<ObservationOutcome> Refused, WarningLevel? Final)
    {
        public bool Verdict(Timeline timeline)
        {
            string[] thread = [HazardWarnings.IdentifierOf(DemoHazards.Owner, DemoHazards.Bridge.Id, 1), HazardWarnings.IdentifierOf(DemoHazards.Owner, DemoHazards.Bridge.Id, 2)];
            var ok = Expect(timeline, "Hefei Lifeline", Operator, thread)
                & Expect(timeline, "Hefei EM", City, thread)
                & Check(timeline, "Hefei EM", City.Select(m => (m.Alert.MessageType, m.Alert.Info[0].Level)).SequenceEqual([(AlertMessageType.Alert, (WarningLevel?)WarningLevel.Orange), (AlertMessageType.Cancel, null)]), "got an Orange Alert, then its Cancel")
                & Check(timeline, "Macau", Macau.IsEmpty, "received none of the Restricted bridge warnings")
                & Check(timeline, "Hefei Lifeline", Refused.IsEmpty && Final is null, "had every reading recorded, and the bridge is back to Normal");
            foreach (var client in Clients)
            {
                client.Dispose();
            }

            return ok;
        }
    }

    private static CityRiskClient Client(DemoHub hub, string partner, Dictionary<string, string> tokens, Timeline timeline)
    {
        var options = new CityRiskClientOptions { LoggerFactory = LoggerFactory.Create(logging => logging.AddProvider(timeline.LoggerFor(Actor(partner)))) };
        options.Reconnect.Delay = TimeSpan.FromMilliseconds(100);
        return new CityRiskClient(hub.Endpoint, new CityRiskCredential(partner, tokens[partner]), options);
    }

    private static string Actor(string partner) => partner switch
    {
        "foshan-em" => "Foshan",
        "macau-smg" => "Macau",
        "shenzhen-gas" => "Shenzhen Gas",
        "hefei-lifeline" => "Hefei Lifeline",
        "hefei-em" => "Hefei EM",
        DemoIncidents.Grid => "Kaifeng Grid",
        DemoIncidents.District => "Gulou District",
        DemoIncidents.Water => "Kaifeng Water",
        _ => "Shenzhen EM",
    };

    /// <summary>Runs a subscription in the background, putting each delivery on the timeline and in the inbox.</summary>
    private static ConcurrentQueue<AlertMessage> Subscribe(CityRiskClient client, string actor, AlertSubscribeOptions options, Timeline timeline, CancellationToken cancellationToken)
    {
        var inbox = new ConcurrentQueue<AlertMessage>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in client.Alerts.SubscribeAsync(options, cancellationToken))
                {
                    inbox.Enqueue(message);
                    var headlines = string.Join(" / ", message.Alert.Info.Select(i => i.Headline).Where(h => h is not null));
                    timeline.Add(actor, $"received {message.Id} (cursor {message.Cursor}) {message.Alert.MessageType} {message.Alert.Info.Max(i => i.Level)}: {headlines}");
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (CityRiskException ex)
            {
                timeline.Add(actor, $"subscription failed: {ex.Message}");
            }
        }, CancellationToken.None);
        return inbox;
    }

    private static void Published(Timeline timeline, PublishResult result, string what) =>
        timeline.Add("Foshan", $"published {result.Id}: {what} -> cursor {result.Cursor}{(result.Duplicate ? ", duplicate" : string.Empty)}");

    private static string Box(AlertArea area) => $"{area.West},{area.South} .. {area.East},{area.North}";

    private static async Task<List<AlertMessage>> ListAsync(CityRiskPageable<AlertMessage> pageable)
    {
        var list = new List<AlertMessage>();
        await foreach (var message in pageable)
        {
            list.Add(message);
        }

        return list;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static bool Expect(Timeline timeline, string actor, ConcurrentQueue<AlertMessage> inbox, string[] expected)
    {
        var got = inbox.Select(m => m.Id).ToList();
        return Check(timeline, actor, got.SequenceEqual(expected),
            expected.Length == 0 ? "received nothing: nothing concerned it" : $"received {string.Join(", ", expected)}, each once, in order", $"received {string.Join(", ", got)}");
    }

    internal static bool Check(Timeline timeline, string actor, bool ok, string expectation, string? actual = null)
    {
        timeline.Add(actor, ok ? $"ok: {expectation}" : $"WRONG: expected it {expectation}; it {actual ?? "did not"}");
        return ok;
    }
}
