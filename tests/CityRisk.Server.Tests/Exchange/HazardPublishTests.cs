using System.Text;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>
/// Hazards through the hub (docs/hazards.md, docs/protocol.md §3.4): the first entity kind, so the entity rules every
/// kind shares are tested here: revisions in order, Get by entity, the current view, scope, owner binding.
/// </summary>
public sealed class HazardPublishTests
{
    private static readonly DocumentCodec<Hazard> Codec = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson);

    private static Hazard Bridge(long revision = 1, RiskGrade grade = RiskGrade.Significant, string owner = "hefei-gas") => new()
    {
        Id = "hf-bridge-0042",
        Owner = owner,
        Revision = revision,
        Name = LocalizedText.Of("en", "Nanfei River Bridge"),
        Type = HazardTypes.Bridge,
        Domain = RiskDomain.Lifeline,
        RiskGrade = grade,
        Geometry = new LineGeometry([new GeoPoint(117.29, 31.86), new GeoPoint(117.30, 31.865)]),
        Jurisdiction = "340102",
        Scope = DocumentScope.Restricted,
        Audience = ["lifeline-operator"],
        Indicators =
        [
            new Indicator { Id = "strain-s3", Unit = "um/m", Direction = ThresholdDirection.Above, Thresholds = new IndicatorThresholds { Orange = 1000, Red = 1200 } },
        ],
    };

    private static PublishRequest Request(Hazard hazard, Action<Envelope>? bend = null, bool validate = true)
    {
        var payload = Codec.Write(hazard, validate).Value!;
        var envelope = HazardEnvelope.Create(hazard, payload, Codec.MediaType, DateTimeOffset.Now);
        bend?.Invoke(envelope);
        return new PublishRequest { Envelope = envelope };
    }

    private static GetRequest ByEntity(string owner = "hefei-gas") => new() { Entity = new EntityKey { Kind = "hazard", Owner = owner, Id = "hf-bridge-0042" } };

    [Fact]
    public async Task Revisions_are_taken_in_order_and_Get_by_entity_returns_the_latest()
    {
        await using var hub = await TestHub.StartAsync();
        var first = await hub.CallAsync(TestHub.Publish, Request(Bridge()), "hefei-gas");
        var retry = await hub.CallAsync(TestHub.Publish, Request(Bridge()), "hefei-gas");
        Assert.Equal((first.Cursor, true), (retry.Cursor, retry.Duplicate));

        var skipped = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(Bridge(revision: 3)), "hefei-gas"));
        Assert.Equal(StatusCode.FailedPrecondition, skipped.StatusCode);
        Assert.Contains("current revision is 1; publish revision 2", skipped.Status.Detail, StringComparison.Ordinal);

        var second = await hub.CallAsync(TestHub.Publish, Request(Bridge(revision: 2, grade: RiskGrade.Major)), "hefei-gas");
        var latest = await hub.CallAsync(TestHub.Get, ByEntity(), "hefei-gas");
        Assert.Equal(second.Cursor, latest.Cursor);
        Assert.Equal("hazard/hf-bridge-0042/2", latest.Envelope.Id);
        Assert.Equal(RiskGrade.Major, Codec.Read(latest.Envelope.Payload.Memory).Value!.RiskGrade);

        var changed = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(Bridge(revision: 2, grade: RiskGrade.Low)), "hefei-gas"));
        Assert.Equal(StatusCode.AlreadyExists, changed.StatusCode);
        Assert.Contains("a change is the next revision", changed.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_current_view_holds_the_latest_revision_and_the_history_stays()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CallAsync(TestHub.Publish, Request(Bridge()), "hefei-gas");
        await hub.CallAsync(TestHub.Publish, Request(Bridge(revision: 2)), "hefei-gas");

        var current = await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "hazard" } } }, "hefei-gas");
        var history = await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "hazard" }, IncludeSuperseded = true } }, "hefei-gas");

        Assert.Equal(["hazard/hf-bridge-0042/2"], current.Items.Select(i => i.Envelope.Id));
        Assert.Equal(["hazard/hf-bridge-0042/1", "hazard/hf-bridge-0042/2"], history.Items.Select(i => i.Envelope.Id));
        var inArea = await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "hazard" }, Area = new AreaFilter { BoundingBox = new BoundingBox { West = 117.2, South = 31.8, East = 117.4, North = 31.9 } } } }, "hefei-gas");
        var elsewhere = await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "hazard" }, Area = new AreaFilter { BoundingBox = new BoundingBox { West = 113.0, South = 22.9, East = 113.3, North = 23.2 } } } }, "hefei-gas");
        Assert.Single(inArea.Items);
        Assert.Empty(elsewhere.Items);
    }

    [Fact]
    public async Task A_restricted_hazard_exists_only_for_its_owner_and_audience()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CallAsync(TestHub.Publish, Request(Bridge()), "hefei-gas");

        Assert.Equal("hazard/hf-bridge-0042/1", (await hub.CallAsync(TestHub.Get, ByEntity(), "shenzhen-gas")).Envelope.Id);
        foreach (var stranger in new[] { "macau-smg", "outsider" })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Get, ByEntity(), stranger));
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
            Assert.Empty((await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "hazard" } } }, stranger)).Items);
        }
    }

    [Fact]
    public async Task Only_the_owner_publishes_and_the_envelope_must_be_the_payloads()
    {
        await using var hub = await TestHub.StartAsync();

        var spoofed = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(Bridge(owner: "hefei-gas"), e => e.Sender = "foshan-em"), "foshan-em"));
        Assert.Equal(StatusCode.PermissionDenied, spoofed.StatusCode);

        var wrongId = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(Bridge(), e => e.Id = "hf-bridge-0042"), "hefei-gas"));
        Assert.Equal(StatusCode.InvalidArgument, wrongId.StatusCode);
        Assert.Contains(ProblemsTrailer.TryRead(wrongId.Trailers, out var problems, out _) ? problems : [], p => p.Code == "ENVELOPE-MISMATCH" && p.Path == "id" && p.Message.Contains("hazard/hf-bridge-0042/1", StringComparison.Ordinal));

        var wideAudience = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(Bridge(), e => e.RestrictionRoles.Add("city")), "hefei-gas"));
        Assert.Contains(ProblemsTrailer.TryRead(wideAudience.Trailers, out var audience, out _) ? audience : [], p => p.Code == "ENVELOPE-MISMATCH" && p.Path == "restriction_roles");

        var broken = Bridge() with { Indicators = [Bridge().Indicators[0] with { Thresholds = new IndicatorThresholds { Orange = 1000, Red = 900 } }] };
        var invalid = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(broken, validate: false), "hefei-gas"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains(ProblemsTrailer.TryRead(invalid.Trailers, out var rules, out _) ? rules : [], p => p.Code == "HAZARD-INDICATOR-RULE-INVALID");

        var notFound = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Get, ByEntity(), "hefei-gas"));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task A_subscription_by_kind_receives_the_hazards_revisions_and_not_the_alerts()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.CallAsync(TestHub.Publish, TestHub.Request("hefei-gas", TestHub.Alert("hefei-gas", "gas-leak-1")), "hefei-gas");
        await hub.CallAsync(TestHub.Publish, Request(Bridge()), "hefei-gas");
        await hub.CallAsync(TestHub.Publish, Request(Bridge(revision: 2)), "hefei-gas");

        var received = await hub.TakeAsync(new SubscribeRequest { FromBeginning = true, Filter = new Filter { Kinds = { "hazard" } } }, "shenzhen-gas", 2);

        Assert.Equal(["hazard/hf-bridge-0042/1", "hazard/hf-bridge-0042/2"], received.Select(d => d.Envelope.Id));
        Assert.All(received, d => Assert.Equal((ulong)(d.Envelope.Id.EndsWith('1') ? 1 : 2), d.Envelope.Revision));
    }

    [Fact]
    public async Task Kinds_the_hub_has_no_contract_for_are_refused_naming_those_it_has()
    {
        await using var hub = await TestHub.StartAsync();
        var observation = Encoding.UTF8.GetBytes("{\"kind\":\"observation\",\"v\":1}");
        var request = new PublishRequest { Envelope = new Envelope { Id = "o1", Kind = "observation", Sender = "hefei-gas", ContentType = "application/vnd.cityrisk+json; kind=observation; v=1", Payload = Google.Protobuf.ByteString.CopyFrom(observation) } };

        var refused = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, request, "hefei-gas"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("it supports: alert, hazard", refused.Status.Detail, StringComparison.Ordinal);
    }
}
