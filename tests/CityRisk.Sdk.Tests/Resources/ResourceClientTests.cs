using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Resources;
using Grpc.Core;

namespace CityRisk.Sdk.Tests.Resources;

/// <summary>
/// <c>client.Resources</c> against the reference hub on loopback with its SQLite store: a request reaches its
/// mutual-aid group and nobody else, offers hold availability, commitments fill the request and never over-commit,
/// deployment is reported in order, releases return availability, and the pool query shows it all.
/// </summary>
public sealed class ResourceClientTests
{
    private static readonly (string Id, string[] Roles)[] Partners =
    [
        ("foshan-em", ["city"]), ("shenzhen-em", ["city"]), ("macau-smg", ["city"]), ("hefei-em", ["city"]),
    ];

    private static readonly Dictionary<string, string[]> Groups = new() { ["foshan-em"] = ["gba"], ["shenzhen-em"] = ["gba"], ["macau-smg"] = ["gba"] };

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddSeconds(-DateTimeOffset.UtcNow.Second);

    private static T Sample<T>(string name)
        where T : class =>
        DocumentCodecs.Default.Get<T>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "resources", name + ".json"))).Value!;

    [Fact]
    public async Task A_request_is_filled_from_the_group_tracked_and_released_and_the_pool_adds_up()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var hub = await TestExchange.StartAsync(partnerSpecs: Partners, groups: Groups);
        using var foshan = hub.Client("foshan-em");
        using var shenzhen = hub.Client("shenzhen-em");
        using var macau = hub.Client("macau-smg");
        using var hefei = hub.Client("hefei-em");

        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var addressedToShenzhen = shenzhen.Resources.SubscribeAsync<ResourceRequest>(new ResourceSubscribeOptions { Start = SubscriptionStart.FromBeginning }, following.Token).GetAsyncEnumerator(following.Token);

        var boats = Sample<Resource>("foshan-rescue-boats") with { UpdatedAt = Now };
        await foshan.Resources.PublishResourceAsync(boats, cancel);
        await shenzhen.Resources.PublishResourceAsync(boats with { Owner = "shenzhen-em", Id = "sz-boats", Quantity = 3, Home = new PointGeometry(new GeoPoint(114.06, 22.54)), Jurisdiction = "440304" }, cancel);
        var request = Sample<ResourceRequest>("macau-typhoon-request") with { UpdatedAt = Now, Items = [Sample<ResourceRequest>("macau-typhoon-request").Items[0] with { NeededBy = Now.AddHours(3) }] };
        Assert.False((await macau.Resources.PublishRequestAsync(request, cancel)).Duplicate);

        Assert.True(await addressedToShenzhen.MoveNextAsync());
        Assert.Equal(request.Id, addressedToShenzhen.Current.Document.Id);
        var hidden = await Assert.ThrowsAsync<CityRiskException>(() => hefei.Resources.GetAsync<ResourceRequest>("macau-smg", request.Id, cancel));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var pool = await hefei.Resources.QueryPoolAsync(new ResourcePoolQuery { Types = [ResourceTypes.Boat] }, cancel);
        Assert.Empty(pool.Entries);

        var offer = Sample<ResourceOffer>("foshan-offer") with { Id = "fs-offer", Request = new RequestItemReference { Owner = "macau-smg", Id = request.Id, Item = 0 }, UpdatedAt = Now, ExpiresAt = Now.AddHours(12) };
        var tooMany = await Assert.ThrowsAsync<CityRiskException>(() => foshan.Resources.OfferAsync(offer with { Quantity = 11 }, cancel));
        Assert.Equal(StatusCode.FailedPrecondition, tooMany.StatusCode);
        Assert.Contains("Only 10", tooMany.Message, StringComparison.Ordinal);
        await foshan.Resources.OfferAsync(offer, cancel);
        await shenzhen.Resources.OfferAsync(offer with { Owner = "shenzhen-em", Id = "sz-offer", ResourceId = "sz-boats", Quantity = 3 }, cancel);
        var hefeiOffer = await Assert.ThrowsAsync<CityRiskException>(() => hefei.Resources.OfferAsync(offer with { Owner = "hefei-em", Id = "hf-offer" }, cancel));
        Assert.Equal(StatusCode.NotFound, hefeiOffer.StatusCode);

        var commitment = Sample<ResourceCommitment>("macau-commitment") with { Request = new RequestItemReference { Owner = "macau-smg", Id = request.Id, Item = 0 }, Offer = new PoolReference { Owner = "foshan-em", Id = "fs-offer" } };
        await macau.Resources.CommitAsync(commitment, cancel);
        Assert.True((await macau.Resources.CommitAsync(commitment, cancel)).Duplicate);
        await macau.Resources.CommitAsync(commitment with { Id = "mo-c-sz", Offer = new PoolReference { Owner = "shenzhen-em", Id = "sz-offer" }, Quantity = 2 }, cancel);
        var seventh = await Assert.ThrowsAsync<CityRiskException>(() => macau.Resources.CommitAsync(commitment with { Id = "mo-c-sz-2", Offer = new PoolReference { Owner = "shenzhen-em", Id = "sz-offer" }, Quantity = 1 }, cancel));
        Assert.Equal(StatusCode.FailedPrecondition, seventh.StatusCode);
        Assert.Contains("needs 0 more", seventh.Message, StringComparison.Ordinal);

        var status = await macau.Resources.GetRequestStatusAsync("macau-smg", request.Id, cancel);
        Assert.Equal(ResourceRequestState.Filled, status.State);
        Assert.Equal(new RequestItemFillReport(6, 6, 0, 1), status.Items[0]);

        var enRoute = Sample<ResourceStatusReport>("foshan-boats-en-route") with { Commitment = new PoolReference { Owner = "macau-smg", Id = commitment.Id } };
        var early = await Assert.ThrowsAsync<CityRiskException>(() => foshan.Resources.ReportStatusAsync(enRoute with { Id = "r0", Status = DeploymentStatus.OnScene }, cancel));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        await foshan.Resources.ReportStatusAsync(enRoute, cancel);
        var notTheirs = await Assert.ThrowsAsync<CityRiskException>(() => shenzhen.Resources.ReportStatusAsync(enRoute with { Owner = "shenzhen-em", Id = "r1", Status = DeploymentStatus.OnScene }, cancel));
        Assert.Equal(StatusCode.NotFound, notTheirs.StatusCode);
        await foshan.Resources.ReportStatusAsync(enRoute with { Id = "r2", Status = DeploymentStatus.OnScene }, cancel);

        var near = new ResourcePoolQuery { Types = [ResourceTypes.Boat], Near = new GeoPoint(113.5355, 22.196), WithinKm = 150, IncludeUnavailable = true };
        var during = await macau.Resources.QueryPoolAsync(near, cancel);
        Assert.Equal(["shenzhen-em 0/3 offered 1 committed 2", "foshan-em 6/10 offered 0 committed 4"], during.Entries.Select(Line));

        var release = Sample<ResourceRelease>("macau-release") with { CommitmentId = commitment.Id };
        await macau.Resources.ReleaseAsync(release, cancel);
        await shenzhen.Resources.WithdrawOfferAsync("sz-offer", "Staying home.", cancel);
        await macau.Resources.ReleaseAsync(release with { Id = "mo-c-sz-release", CommitmentId = "mo-c-sz", Provider = "shenzhen-em", Quantity = 2 }, cancel);
        var after = await macau.Resources.QueryPoolAsync(near, cancel);
        Assert.Equal(["shenzhen-em 3/3 offered 0 committed 0", "foshan-em 10/10 offered 0 committed 0"], after.Entries.Select(Line));
        Assert.True(after.Entries[0].DistanceKm < after.Entries[1].DistanceKm);

        await following.CancelAsync();
        await addressedToShenzhen.DisposeAsync();

        static string Line(PoolAvailability e) => $"{e.Owner} {e.Available}/{e.Quantity} offered {e.Offered} committed {e.Committed}";
    }
}
