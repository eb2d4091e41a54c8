using System.Text.Json;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.InMemory;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using Google.Protobuf;
using Grpc.Core;
using Problem = CityRisk.Problems.Problem;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>
/// The entity seam (docs/protocol.md §3.4) with a kind that has a life cycle, as incidents will: the hub's shared
/// rules plus the kind's allowed next states; and attribute filters over hazards.
/// </summary>
public sealed class EntityKindTests
{
    /// <summary>A minimal kind with a life cycle: Reported -> Verified -> Closed, Reported -> Rejected.</summary>
    private sealed record Case(string Id, string Owner, long Revision, string State);

    private sealed class CaseCodec() : DocumentCodec<Case>(DocumentKinds.Incident, DocumentFormat.CityRiskJson, "application/vnd.cityrisk+json; kind=incident; v=1")
    {
        public override FormatResult<Case> Read(ReadOnlyMemory<byte> document, bool validate = true)
        {
            try
            {
                return new(JsonSerializer.Deserialize<Case>(document.Span), []);
            }
            catch (JsonException ex)
            {
                return new(null, [Problem.Error(ProblemCodes.JsonInvalid, "$", ex.Message)]);
            }
        }

        public override FormatResult<byte[]> Write(Case document, bool validate = true) => new(JsonSerializer.SerializeToUtf8Bytes(document), []);
    }

    private sealed class CaseKind : EntityKind
    {
        public override string Kind => DocumentKinds.Incident;

        public override EntityRevision Read(Func<Envelope, object> read, Envelope envelope)
        {
            var value = (Case)read(envelope);
            return new EntityRevision(value.Owner, value.Id, value.Revision, value.State, [], null, value);
        }

        public override IReadOnlyList<string>? AllowedAfter(string previous) => previous switch
        {
            "Reported" => ["Verified", "Rejected"],
            "Verified" => ["Closed"],
            _ => [],
        };
    }

    private static PublishRequest Revision(string state, long revision, string owner = "kaifeng-grid") => new()
    {
        Envelope = new Envelope
        {
            Id = EntityMessages.MessageId(DocumentKinds.Incident, "case-1", revision),
            Kind = DocumentKinds.Incident,
            Sender = owner,
            Sent = "2026-11-30T08:00:00+08:00",
            Entity = EntityMessages.Key(DocumentKinds.Incident, owner, "case-1"),
            Revision = (ulong)revision,
            Scope = Scope.Public,
            ContentType = "application/vnd.cityrisk+json; kind=incident; v=1",
            Payload = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(new Case("case-1", owner, revision, state))),
        },
    };

    [Fact]
    public async Task A_kinds_life_cycle_is_enforced_with_the_allowed_next_states_named()
    {
        var token = PartnerTokens.Generate();
        var partners = new PartnerRegistry([new Partner { Id = PartyId.Parse("kaifeng-grid"), Roles = ["city"], Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(token) }] }]);
        var exchange = new ExchangeService(new InMemoryExchangeStore(), partners, TimeProvider.System, codecs: new DocumentCodecs([new CaseCodec()]), entityKinds: [new CaseKind()]);
        var context = new InMemoryServerCallContext("/cityrisk.v1.Exchange/Publish", new Metadata { { "authorization", $"Bearer {token}" } }, DateTime.MaxValue, TestContext.Current.CancellationToken);

        await exchange.PublishAsync(Revision("Reported", 1), context);
        await exchange.PublishAsync(Revision("Verified", 2), context);
        var refused = await Assert.ThrowsAsync<RpcException>(() => exchange.PublishAsync(Revision("Rejected", 3), context));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("incident 'case-1' is Verified; from there it may become Closed, not Rejected.", refused.Status.Detail);
        await exchange.PublishAsync(Revision("Closed", 3), context);
        var final = await Assert.ThrowsAsync<RpcException>(() => exchange.PublishAsync(Revision("Reported", 4), context));
        Assert.Contains("it may become nothing (it is final)", final.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(["alert", "incident"], exchange.SupportedKinds);
    }

    [Fact]
    public async Task Hazards_are_filtered_by_their_attributes()
    {
        await using var hub = await TestHub.StartAsync();
        var codec = DocumentCodecs.Default.Get<CityRisk.Hazards.Hazard>(DocumentFormat.CityRiskJson);
        foreach (var (id, type, grade) in new[] { ("b-1", "bridge", CityRisk.Hazards.RiskGrade.Major), ("b-2", "bridge", CityRisk.Hazards.RiskGrade.Low), ("g-1", "gas-pipeline", CityRisk.Hazards.RiskGrade.Major) })
        {
            var hazard = Hazards.HazardMonitorTests.Bridge() with { Id = id, Owner = "hefei-gas", Type = type, RiskGrade = grade, Scope = CityRisk.DocumentScope.Public, Audience = [] };
            await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = HazardEnvelope.Create(hazard, codec.Write(hazard).Value!, codec.MediaType, DateTimeOffset.Now) }, "hefei-gas");
        }

        var majorBridges = await hub.QueryAllAsync("macau-smg", new Filter
        {
            Kinds = { "hazard" },
            Attributes = { new AttributeCondition { Name = "type", Values = { "bridge" } }, new AttributeCondition { Name = "risk_grade", Values = { "Major", "Significant" } } },
        });
        Assert.Equal(["b-1"], majorBridges.Select(d => d.Envelope.Entity.Id));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Attributes = { new AttributeCondition { Name = "type" } } } }, "macau-smg"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }
}
