using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Server.InMemory;
using Grpc.Core;

namespace CityRisk.Testing.Tests.Fakes;

/// <summary>The in-memory fake: a partner's client code runs against it exactly as against a hub.</summary>
public sealed class FakeExchangeTests : IAsyncLifetime
{
    private readonly FakeExchange _fake = new(
    [
        new FakeExchangePartner("foshan-em", ["city"], ["alerts@foshan-em.example.cn"]),
        new FakeExchangePartner("macau-smg", ["city"], ["alerts@macau-smg.example.mo"]),
        new FakeExchangePartner("shenzhen-gas", ["lifeline-operator"], ["ops@shenzhen-gas.example.cn"]),
    ]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    private static Alert Alert(string id, AlertScope scope = AlertScope.Public) => new()
    {
        Identifier = id,
        Sender = "alerts@foshan-em.example.cn",
        Sent = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(8)),
        Status = AlertStatus.Actual,
        MessageType = AlertMessageType.Alert,
        Scope = scope,
        Restriction = scope == AlertScope.Restricted ? "lifeline operators" : null,
        Info =
        [
            new AlertInfo
            {
                Categories = [AlertCategory.Met],
                Event = "Typhoon",
                Urgency = AlertUrgency.Expected,
                Severity = AlertSeverity.Severe,
                Certainty = AlertCertainty.Likely,
                Level = WarningLevel.Orange,
                Areas = [new Area { Description = "Foshan", Polygons = [GeoPolygon.FromRing(new(112.9, 22.9), new(113.3, 22.9), new(113.3, 23.2), new(112.9, 23.2), new(112.9, 22.9))] }],
            },
        ],
    };

    [Fact]
    public async Task Publish_get_duplicate_and_scope_behave_as_on_the_hub()
    {
        using var foshan = _fake.CreateClient("foshan-em");
        using var macau = _fake.CreateClient("macau-smg");
        using var gas = _fake.CreateClient("shenzhen-gas");

        var first = await foshan.Alerts.PublishAsync(Alert("fake-1"), cancellationToken: Cancel);
        var again = await foshan.Alerts.PublishAsync(Alert("fake-1"), cancellationToken: Cancel);
        await foshan.Alerts.PublishAsync(Alert("fake-restricted", AlertScope.Restricted), new AlertPublishOptions { RestrictionRoles = ["lifeline-operator"] }, Cancel);

        Assert.Equal((1, false), (first.Cursor, first.Duplicate));
        Assert.Equal((1, true), (again.Cursor, again.Duplicate));
        Assert.Equal("fake-1", (await macau.Alerts.GetAsync("foshan-em", "fake-1", Cancel)).Id);
        Assert.Equal("fake-restricted", (await gas.Alerts.GetAsync("foshan-em", "fake-restricted", Cancel)).Id);
        var hidden = await Assert.ThrowsAsync<CityRiskException>(() => macau.Alerts.GetAsync("foshan-em", "fake-restricted", Cancel));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var spoof = await Assert.ThrowsAsync<CityRiskException>(() => macau.Alerts.PublishAsync(Alert("not-mine"), cancellationToken: Cancel));
        Assert.Equal(StatusCode.PermissionDenied, spoof.StatusCode);
    }

    [Fact]
    public async Task Subscriptions_deliver_in_order_and_leave_out_what_the_caller_may_not_see()
    {
        using var foshan = _fake.CreateClient("foshan-em");
        using var macau = _fake.CreateClient("macau-smg");
        await foshan.Alerts.PublishAsync(Alert("a"), cancellationToken: Cancel);
        await foshan.Alerts.PublishAsync(Alert("hidden", AlertScope.Restricted), new AlertPublishOptions { RestrictionRoles = ["lifeline-operator"] }, Cancel);
        await foshan.Alerts.PublishAsync(Alert("b"), cancellationToken: Cancel);

        var received = new List<string>();
        await foreach (var message in macau.Alerts.SubscribeAsync(new AlertSubscribeOptions { Start = SubscriptionStart.FromBeginning }, Cancel))
        {
            received.Add(message.Id);
            if (message.Id == "b")
            {
                break;
            }
        }

        Assert.Equal(["a", "b"], received);
        var queried = new List<string>();
        await foreach (var message in macau.Alerts.QueryAsync(cancellationToken: Cancel))
        {
            queried.Add(message.Id);
        }

        Assert.Equal(["a", "b"], queried);
    }

    [Fact]
    public void An_unknown_partner_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => _fake.CreateClient("nobody"));
}

/// <summary>The fake has the hub's semantics: it passes the kit's checks that do not need a real HTTP/2 endpoint.</summary>
public sealed class FakeExchangeConformanceTests
{
    [Fact]
    public async Task The_fake_passes_every_publish_query_subscribe_scope_hazards_incidents_resources_and_enterprises_check()
    {
        string[] ids = ["conf-city-a", "conf-city-b", "conf-gas", "conf-outsider", "conf-monitor", "conf-district", "conf-regulator", "conf-insurer"];
        static string RoleOf(string id) => id switch { "conf-gas" => "lifeline-operator", "conf-regulator" => "regulator", "conf-insurer" => "insurer", _ => "city" };
        await using var fake = new FakeExchange(ids.Select(id => new FakeExchangePartner(id, [RoleOf(id)], [$"alerts@{id}.example.cn"])
        {
            Jurisdictions = id == "conf-district" ? ["410204"] : [],
            Groups = id is "conf-city-a" or "conf-city-b" or "conf-gas" ? ["conf-gba"] : [],
        }), monitorPartner: "conf-monitor");
        ConformanceParty Party(string id) => new() { PartnerId = id, Token = fake.TokenOf(id), CapSender = $"alerts@{id}.example.cn", Role = RoleOf(id) };
        var identities = new ConformanceIdentities
        {
            CityA = Party("conf-city-a"),
            CityB = Party("conf-city-b"),
            LifelineOperator = Party("conf-gas"),
            Outsider = Party("conf-outsider"),
            Jurisdiction = Party("conf-district") with { Division = "410204" },
            MutualAidGroup = "conf-gba",
            Regulator = Party("conf-regulator"),
            Insurer = Party("conf-insurer"),
        };
        using var context = new ConformanceContext(FakeExchange.Endpoint, identities, fake.CreateCallInvoker());

        var checks = ConformanceSuite.All.Where(c => c.Capability != ConformanceCapability.Wire && c.Id != "SUB-007");
        var results = await ConformanceRunner.RunAsync(context, checks, cancellationToken: TestContext.Current.CancellationToken);

        var failed = results.Where(r => r.Outcome != ConformanceOutcome.Passed).Select(ConformanceReport.Line).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }
}
