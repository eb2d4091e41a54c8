using CityRisk.Geo;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Tests.Exchange;
using Grpc.Core;

namespace CityRisk.Server.Tests.Resources;

/// <summary>
/// The pooling kinds through the hub (docs/resources.md): hundreds of concurrent commitments from several requesters
/// through Publish and PublishBatch on both stores never over-commit; envelopes derived from the documents; only the
/// owner publishes; a group audience reaches its members only.
/// </summary>
public sealed class PoolPublishTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));
    private static readonly string[] Requesters = ["macau-smg", "zhuhai-em", "jiangmen-em"];
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-pool-hub-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<TestHub> StartAsync(bool sqlite) => TestHub.StartAsync(
        [("foshan-em", ["city"]), ("shenzhen-em", ["city"]), ("macau-smg", ["city"]), ("zhuhai-em", ["city"]), ("jiangmen-em", ["city"]), ("outsider", ["city"])],
        configure: sqlite ? o => o.Store = $"sqlite:{Path.Combine(_folder, "hub.db")}" : null,
        groups: new Dictionary<string, string[]> { ["foshan-em"] = ["gba"], ["shenzhen-em"] = ["gba"], ["macau-smg"] = ["gba"], ["zhuhai-em"] = ["gba"], ["jiangmen-em"] = ["gba"] });

    internal static Envelope EnvelopeOf<T>(T document, Envelope derived)
        where T : class
    {
        var codec = DocumentCodecs.Default.Get<T>(DocumentFormat.CityRiskJson);
        return ResourceEnvelope.Complete(derived, codec.Write(document).Value!, codec.MediaType, Now);
    }

    private static Resource Boats(string owner, int quantity) => new()
    {
        Id = "boats", Owner = owner, Revision = 1, Type = ResourceTypes.Boat, Name = LocalizedText.Of("en", "Boats"), Quantity = quantity, Unit = "boat",
        Home = new PointGeometry(new GeoPoint(113.12, 23.02)), Jurisdiction = "440604", Status = ResourceStatus.Available, UpdatedAt = Now, Scope = DocumentScope.Restricted, Audience = ["group:gba"],
    };

    private static ResourceRequest Request(string owner, int quantity) => new()
    {
        Id = "typhoon", Owner = owner, Revision = 1, Title = LocalizedText.Of("en", "Typhoon"), Jurisdiction = "820000", State = ResourceRequestState.Open, UpdatedAt = Now,
        Items = [new ResourceRequestItem { Type = ResourceTypes.Boat, Quantity = quantity, DeliverTo = new PointGeometry(new GeoPoint(113.54, 22.2)), NeededBy = Now.AddHours(3) }],
        Scope = DocumentScope.Restricted, Audience = ["group:gba"],
    };

    private static ResourceOffer Offer(string owner, string id, int quantity) => new()
    {
        Id = id, Owner = owner, Revision = 1, ResourceId = "boats", Quantity = quantity, ExpiresAt = Now.AddHours(6), State = ResourceOfferState.Open, UpdatedAt = Now,
        Scope = DocumentScope.Restricted, Audience = ["group:gba"],
    };

    private static ResourceCommitment Commitment(string owner, string id, string provider, string offer, int quantity) => new()
    {
        Id = id, Owner = owner, Revision = 1, Offer = new PoolReference { Owner = provider, Id = offer }, Request = new RequestItemReference { Owner = owner, Id = "typhoon", Item = 0 },
        Quantity = quantity, CommittedAt = Now,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hundreds_of_concurrent_commitments_never_over_commit(bool sqlite)
    {
        await using var hub = await StartAsync(sqlite);
        foreach (var provider in new[] { "foshan-em", "shenzhen-em" })
        {
            await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(Boats(provider, 20), ResourceEnvelope.Derive(Boats(provider, 20))) }, provider);
            foreach (var id in new[] { "o1", "o2" })
            {
                await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(Offer(provider, id, 10), ResourceEnvelope.Derive(Offer(provider, id, 10))) }, provider);
            }
        }

        foreach (var requester in Requesters)
        {
            await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(Request(requester, 20), ResourceEnvelope.Derive(Request(requester, 20))) }, requester);
        }

        // 300 commitments of 1 or 2: half through single Publish calls, half in batches of 25, all at once.
        var random = new Random(15);
        var attempts = Enumerable.Range(0, 300).Select(i =>
        {
            var provider = random.Next(2) == 0 ? "foshan-em" : "shenzhen-em";
            return Commitment(Requesters[i % 3], $"c{i}", provider, random.Next(2) == 0 ? "o1" : "o2", 1 + random.Next(2));
        }).ToList();
        var accepted = new System.Collections.Concurrent.ConcurrentBag<ResourceCommitment>();
        var singles = attempts.Take(150).Select(async c =>
        {
            try
            {
                await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(c, ResourceEnvelope.Derive(c)) }, c.Owner);
                accepted.Add(c);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
            }
        });
        var batches = attempts.Skip(150).GroupBy(c => c.Owner).SelectMany(g => g.Chunk(25)).Select(async chunk =>
        {
            var request = new PublishBatchRequest();
            request.Envelopes.AddRange(chunk.Select(c => EnvelopeOf(c, ResourceEnvelope.Derive(c))));
            var response = await hub.CallAsync(TestHub.PublishBatch, request, chunk[0].Owner);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (response.Results[i].OutcomeCase == CityRisk.Protocol.V1.PublishResult.OutcomeOneofCase.Published)
                {
                    accepted.Add(chunk[i]);
                }
                else
                {
                    Assert.Equal((int)StatusCode.FailedPrecondition, response.Results[i].Error.Code);
                }
            }
        });
        await Task.WhenAll(singles.Concat(batches));

        Assert.Equal(40, accepted.Sum(c => c.Quantity));
        foreach (var group in accepted.GroupBy(c => (c.Offer.Owner, c.Offer.Id)))
        {
            Assert.True(group.Sum(c => c.Quantity) <= 10, $"{group.Key} over-committed: {group.Sum(c => c.Quantity)}");
        }

        var pool = await hub.CallAsync(TestHub.QueryResourcePool, new ResourcePoolRequest { ResourceTypes = { ResourceTypes.Boat }, IncludeUnavailable = true }, "macau-smg");
        Assert.Equal(["foshan-em 0/20 committed 20", "shenzhen-em 0/20 committed 20"], pool.Entries.Select(e => $"{e.Resource.Owner} {e.Available}/{e.Quantity} committed {e.Committed}"));
        foreach (var requester in Requesters)
        {
            var status = await hub.CallAsync(TestHub.GetResourceRequestStatus, new GetResourceRequestStatusRequest { Owner = requester, Id = "typhoon" }, requester);
            Assert.Equal(accepted.Where(c => c.Owner == requester).Sum(c => c.Quantity), status.Items[0].Committed);
        }
    }

    [Fact]
    public async Task Envelopes_are_derived_only_the_owner_publishes_and_a_group_audience_stays_in_the_group()
    {
        await using var hub = await StartAsync(sqlite: false);
        var boats = Boats("foshan-em", 4);
        var noGroup = EnvelopeOf(boats, ResourceEnvelope.Derive(boats));
        noGroup.RestrictionRoles.Clear();
        noGroup.RestrictionRoles.Add("city");
        var mismatch = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = noGroup }, "foshan-em"));
        Assert.Equal(StatusCode.InvalidArgument, mismatch.StatusCode);
        Assert.Contains("restriction_roles", mismatch.Status.Detail, StringComparison.Ordinal);

        var spoofed = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(boats, ResourceEnvelope.Derive(boats)) }, "shenzhen-em"));
        Assert.Equal(StatusCode.PermissionDenied, spoofed.StatusCode);

        var stored = await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(boats, ResourceEnvelope.Derive(boats)) }, "foshan-em");
        Assert.Empty(stored.Warnings);
        var key = new GetRequest { Entity = EntityMessages.Key(DocumentKinds.Resource, "foshan-em", "boats") };
        Assert.Equal(1ul, (await hub.CallAsync(TestHub.Get, key, "zhuhai-em")).Envelope.Revision);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Get, key, "outsider"))).StatusCode);

        var unknownGroup = boats with { Id = "boats-2", Audience = ["group:nowhere"] };
        var warned = await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(unknownGroup, ResourceEnvelope.Derive(unknownGroup)) }, "foshan-em");
        Assert.Contains(warned.Warnings, w => w.Code == CityRisk.Problems.ProblemCodes.EnvelopeAudienceUnknown && w.Message.Contains("belongs to the group", StringComparison.Ordinal));

        var typeChanged = boats with { Revision = 2, Type = ResourceTypes.DrainagePump };
        var step = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = EnvelopeOf(typeChanged, ResourceEnvelope.Derive(typeChanged)) }, "foshan-em"));
        Assert.Equal(StatusCode.InvalidArgument, step.StatusCode);
        Assert.Contains("type", step.Status.Detail, StringComparison.Ordinal);
    }
}
