using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CityRisk.Storage;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// The resource pool store contract suite: the arithmetic every <see cref="IResourcePoolStore"/> must keep
/// (docs/resources.md, "The arithmetic"; docs/protocol.md §11.8): nothing offered beyond what is available, nothing
/// committed beyond what is offered or needed, releases and withdrawals and expiry return availability, deployment
/// in order, a refused step writes nothing, a retried step is a duplicate, and all of it under hundreds of concurrent
/// commitments. The in-memory and SQLite stores pass it; inherit it to prove a store of your own. Each test gets a
/// new, empty store through <see cref="StoreSeamContract{TSeam}.CreateStoreAsync"/>, initialized by the suite.
/// </summary>
public abstract class ResourcePoolStoreContract : StoreSeamContract<IResourcePoolStore>
{
    /// <summary>The hub's clock in the tests.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 9, 15, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A resource of <paramref name="owner"/>: <paramref name="quantity"/> boats near Foshan, public unless viewers are given.</summary>
    protected static PooledResource Boats(string owner, string id, int quantity, string status = "Available", double longitude = 113.12, double latitude = 23.02, params string[] viewers) => new()
    {
        Owner = owner,
        Id = id,
        Revision = 1,
        Type = "boat",
        Unit = "boat",
        Quantity = quantity,
        Status = status,
        Longitude = longitude,
        Latitude = latitude,
        Jurisdiction = "440604",
        Capabilities = [("seats", 12, "1")],
        Public = viewers.Length == 0,
        Viewers = viewers,
    };

    /// <summary>A step's message: the kind, owner, id and revision, and content that makes its hash.</summary>
    protected static StoredMessage Message(string kind, string owner, string id, long revision = 1, string content = "payload") => new()
    {
        Sender = owner,
        Id = $"{kind}/{id}/{revision}",
        Kind = kind,
        EntityId = id,
        Revision = revision,
        ContentHash = SHA256.HashData(Encoding.UTF8.GetBytes(content)),
        Envelope = Encoding.UTF8.GetBytes($"{kind} {owner}/{id} revision {revision}: {content}"),
    };

    /// <summary>Applies a step with its message and expects it appended.</summary>
    protected async Task AcceptAsync(StoredMessage message, PoolStep step) =>
        Assert.Equal(AppendOutcome.Appended, (await Store.AppendPoolStepAsync(message, step, Cancel)).Outcome);

    /// <summary>Applies a step and expects the ledger to refuse it; returns the refusal.</summary>
    protected async Task<PoolStepRefusedException> RefuseAsync(StoredMessage message, PoolStep step)
    {
        var refused = await Assert.ThrowsAsync<PoolStepRefusedException>(() => Store.AppendPoolStepAsync(message, step, Cancel));
        Assert.Null(await Log.GetMessageAsync(message.Sender, message.Id, Cancel));
        return refused;
    }

    /// <summary>Publishes a resource.</summary>
    protected Task PublishAsync(PooledResource resource) => AcceptAsync(Message("resource", resource.Owner, resource.Id, resource.Revision, $"{resource.Quantity} {resource.Status}"), new ResourceChanged(resource) { At = Now });

    /// <summary>Opens a request of <paramref name="owner"/> for boats (and pumps when given).</summary>
    protected Task RequestAsync(string owner, string id, int boats, int pumps = 0, long revision = 1, string state = "Open") =>
        AcceptAsync(Message("resource-request", owner, id, revision, $"{boats} {pumps} {state}"),
            new RequestChanged(owner, id, revision, state, pumps > 0 ? [("boat", boats), ("drainage-pump", pumps)] : [("boat", boats)]) { At = Now });

    /// <summary>An offer of <paramref name="quantity"/> of a resource, expiring in a day unless said.</summary>
    protected static OfferMade Offer(string owner, string id, string resourceId, int quantity, (string, string, int)? request = null, DateTimeOffset? expires = null) =>
        new(new PooledOffer { Owner = owner, Id = id, ResourceId = resourceId, Quantity = quantity, ExpiresAt = expires ?? Now.AddDays(1), Request = request }) { At = Now };

    /// <summary>A commitment by a requester.</summary>
    protected static CommitmentMade Commit(string owner, string id, string provider, string offerId, string requestId, int quantity, int item = 0) =>
        new(owner, id, provider, offerId, requestId, item, quantity) { At = Now };

    private async Task<PoolEntryRecord> EntryAsync(string owner, string id, DateTimeOffset? at = null) =>
        Assert.Single((await Store.QueryPoolAsync(new PoolQuery { Viewer = ["partner:" + owner], ViewerId = owner, At = at ?? Now, Limit = 100, IncludeUnavailable = true }, Cancel))
            .Where(e => e.Resource.Owner == owner && e.Resource.Id == id));

    /// <summary>An offer holds its quantity; more than is available is refused naming what is; withdrawal and expiry return it.</summary>
    [Fact]
    public virtual async Task Offers_hold_availability_until_withdrawn_or_expired()
    {
        await PublishAsync(Boats("foshan-em", "boats", 10));
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 6));
        Assert.Equal((6, 4), await HeldAsync());

        var over = await RefuseAsync(Message("resource-offer", "foshan-em", "o2"), Offer("foshan-em", "o2", "boats", 5));
        Assert.Equal(PoolRefusal.FailedPrecondition, over.Refusal);
        Assert.Contains("Only 4", over.Message, StringComparison.Ordinal);

        await AcceptAsync(Message("resource-offer", "foshan-em", "o2"), Offer("foshan-em", "o2", "boats", 4, expires: Now.AddHours(1)));
        Assert.Equal((10, 0), await HeldAsync());
        Assert.Equal(4, (await EntryAsync("foshan-em", "boats", Now.AddHours(2))).Available);

        await AcceptAsync(Message("resource-offer", "foshan-em", "o1", 2), new OfferWithdrawn("foshan-em", "o1") { At = Now });
        Assert.Equal((4, 6), await HeldAsync());

        var lower = await RefuseAsync(Message("resource", "foshan-em", "boats", 2), new ResourceChanged(Boats("foshan-em", "boats", 3) with { Revision = 2 }) { At = Now });
        Assert.Contains("cannot go below 4", lower.Message, StringComparison.Ordinal);

        async Task<(int Offered, int Available)> HeldAsync()
        {
            var entry = await EntryAsync("foshan-em", "boats");
            return (entry.Offered, entry.Available);
        }
    }

    /// <summary>A resource not Available, an expired offer, an unknown resource: refused, and nothing is written.</summary>
    [Fact]
    public virtual async Task Offers_of_what_cannot_be_offered_are_refused()
    {
        await PublishAsync(Boats("foshan-em", "boats", 10, status: "OutOfService"));
        Assert.Contains("OutOfService", (await RefuseAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 1))).Message, StringComparison.Ordinal);
        Assert.Equal(PoolRefusal.NotFound, (await RefuseAsync(Message("resource-offer", "foshan-em", "o2"), Offer("foshan-em", "o2", "pumps", 1))).Refusal);
        await PublishAsync(Boats("foshan-em", "boats", 10) with { Revision = 2 });
        Assert.Contains("past", (await RefuseAsync(Message("resource-offer", "foshan-em", "o3"), Offer("foshan-em", "o3", "boats", 1, expires: Now.AddMinutes(-1)))).Message, StringComparison.Ordinal);
    }

    /// <summary>A commitment takes from its offer and fills its item; more than either has left is refused saying what is left; a release returns availability.</summary>
    [Fact]
    public virtual async Task Commitments_take_what_is_left_and_releases_return_it()
    {
        await PublishAsync(Boats("foshan-em", "boats", 10));
        await RequestAsync("macau-smg", "req", boats: 6);
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 8, ("macau-smg", "req", 0)));

        await AcceptAsync(Message("resource-commitment", "macau-smg", "c1"), Commit("macau-smg", "c1", "foshan-em", "o1", "req", 4));
        var item = await RefuseAsync(Message("resource-commitment", "macau-smg", "c2"), Commit("macau-smg", "c2", "foshan-em", "o1", "req", 3));
        Assert.Contains("needs 2 more", item.Message, StringComparison.Ordinal);
        Assert.Equal(PoolRefusal.PermissionDenied, (await RefuseAsync(Message("resource-commitment", "zhuhai-em", "c3"), Commit("zhuhai-em", "c3", "foshan-em", "o1", "req", 1))).Refusal);
        await AcceptAsync(Message("resource-commitment", "macau-smg", "c2"), Commit("macau-smg", "c2", "foshan-em", "o1", "req", 2));

        var fill = await Store.GetRequestFillAsync("macau-smg", "req", Now, Cancel);
        Assert.Equal(new PooledRequestItem("boat", 6, 6, 0), fill!.Request.Items[0]);
        Assert.Equal([2], fill.Offered);
        var entry = await EntryAsync("foshan-em", "boats");
        Assert.Equal((6, 2, 2), (entry.Resource.Committed, entry.Offered, entry.Available));

        var tooMuch = await RefuseAsync(Message("resource-release", "macau-smg", "r1"), new CommitmentReleased("macau-smg", "c1", "foshan-em", 5) { At = Now });
        Assert.Contains("has 4 still committed", tooMuch.Message, StringComparison.Ordinal);
        await AcceptAsync(Message("resource-release", "macau-smg", "r1"), new CommitmentReleased("macau-smg", "c1", "foshan-em", 4) { At = Now });
        entry = await EntryAsync("foshan-em", "boats");
        Assert.Equal((2, 6), (entry.Resource.Committed, entry.Available));
        Assert.Equal(new PooledRequestItem("boat", 6, 6, 4), (await Store.GetRequestFillAsync("macau-smg", "req", Now, Cancel))!.Request.Items[0]);
    }

    /// <summary>Withdrawn and expired offers take no commitment; a closed request takes none either.</summary>
    [Fact]
    public virtual async Task Nothing_is_committed_of_a_withdrawn_or_expired_offer_or_to_a_closed_request()
    {
        await PublishAsync(Boats("foshan-em", "boats", 10));
        await RequestAsync("macau-smg", "req", boats: 6);
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 2));
        await AcceptAsync(Message("resource-offer", "foshan-em", "o2"), Offer("foshan-em", "o2", "boats", 2, expires: Now.AddMinutes(5)));
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1", 2), new OfferWithdrawn("foshan-em", "o1") { At = Now });
        Assert.Contains("withdrawn", (await RefuseAsync(Message("resource-commitment", "macau-smg", "c1"), Commit("macau-smg", "c1", "foshan-em", "o1", "req", 1))).Message, StringComparison.Ordinal);
        Assert.Contains("expired", (await RefuseAsync(Message("resource-commitment", "macau-smg", "c2"), Commit("macau-smg", "c2", "foshan-em", "o2", "req", 1) with { At = Now.AddMinutes(6) })).Message, StringComparison.Ordinal);
        await RequestAsync("macau-smg", "req", boats: 6, revision: 2, state: "Closed");
        await AcceptAsync(Message("resource-offer", "foshan-em", "o3"), Offer("foshan-em", "o3", "boats", 2));
        Assert.Contains("Closed", (await RefuseAsync(Message("resource-commitment", "macau-smg", "c3"), Commit("macau-smg", "c3", "foshan-em", "o3", "req", 1))).Message, StringComparison.Ordinal);
    }

    /// <summary>A request Cancelled or Closed lapses the offers made for it (what they held is available again); unsolicited offers stay.</summary>
    [Fact]
    public virtual async Task Closing_a_request_frees_what_its_offers_held()
    {
        await PublishAsync(Boats("foshan-em", "boats", 10));
        await RequestAsync("macau-smg", "req", boats: 6);
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 4, ("macau-smg", "req", 0)));
        await AcceptAsync(Message("resource-offer", "foshan-em", "o2"), Offer("foshan-em", "o2", "boats", 3));
        await AcceptAsync(Message("resource-commitment", "macau-smg", "c1"), Commit("macau-smg", "c1", "foshan-em", "o1", "req", 1));
        Assert.Equal((6, 3, 1), await HeldAsync());

        // o1 (for the request) lapses with 3 uncommitted; o2 (unsolicited) keeps its 3; the commitment stays.
        await RequestAsync("macau-smg", "req", boats: 6, revision: 2, state: "Cancelled");
        Assert.Equal((3, 6, 1), await HeldAsync());
        Assert.Equal([0], (await Store.GetRequestFillAsync("macau-smg", "req", Now, Cancel))!.Offered);

        async Task<(int Offered, int Available, int Committed)> HeldAsync()
        {
            var e = await EntryAsync("foshan-em", "boats");
            return (e.Offered, e.Available, e.Resource.Committed);
        }
    }

    /// <summary>A retried commitment is a duplicate even when the offer has nothing left; the same id with other content is a conflict.</summary>
    [Fact]
    public virtual async Task A_retried_step_is_a_duplicate_before_the_ledger_is_asked()
    {
        await PublishAsync(Boats("foshan-em", "boats", 2));
        await RequestAsync("macau-smg", "req", boats: 6);
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 2));
        var message = Message("resource-commitment", "macau-smg", "c1");
        await AcceptAsync(message, Commit("macau-smg", "c1", "foshan-em", "o1", "req", 2));
        Assert.Equal(AppendOutcome.Duplicate, (await Store.AppendPoolStepAsync(message, Commit("macau-smg", "c1", "foshan-em", "o1", "req", 2), Cancel)).Outcome);
        Assert.Equal(AppendOutcome.Conflict, (await Store.AppendPoolStepAsync(Message("resource-commitment", "macau-smg", "c1", content: "other"), Commit("macau-smg", "c1", "foshan-em", "o1", "req", 1), Cancel)).Outcome);
        Assert.Equal(2, (await EntryAsync("foshan-em", "boats")).Resource.Committed);
    }

    /// <summary>Deployment is reported by the provider, in order, none skipped; after a full release only Demobilized and Returned follow.</summary>
    [Fact]
    public virtual async Task Deployment_is_reported_in_order_by_the_provider()
    {
        await PublishAsync(Boats("foshan-em", "boats", 4));
        await RequestAsync("macau-smg", "req", boats: 4);
        await AcceptAsync(Message("resource-offer", "foshan-em", "o1"), Offer("foshan-em", "o1", "boats", 4));
        await AcceptAsync(Message("resource-commitment", "macau-smg", "c1"), Commit("macau-smg", "c1", "foshan-em", "o1", "req", 4));

        Assert.Contains("next report is EnRoute", (await RefuseAsync(Message("resource-status-report", "foshan-em", "s0"), Report(2))).Message, StringComparison.Ordinal);
        Assert.Equal(PoolRefusal.PermissionDenied, (await RefuseAsync(Message("resource-status-report", "macau-smg", "s0"), Report(1) with { Reporter = "macau-smg" })).Refusal);
        await AcceptAsync(Message("resource-status-report", "foshan-em", "s1"), Report(1));
        await AcceptAsync(Message("resource-status-report", "foshan-em", "s2"), Report(2));
        Assert.Contains("next report is Demobilized", (await RefuseAsync(Message("resource-status-report", "foshan-em", "s3"), Report(1))).Message, StringComparison.Ordinal);
        await AcceptAsync(Message("resource-release", "macau-smg", "r1"), new CommitmentReleased("macau-smg", "c1", "foshan-em", 4) { At = Now });
        await AcceptAsync(Message("resource-status-report", "foshan-em", "s3"), Report(3));
        await AcceptAsync(Message("resource-status-report", "foshan-em", "s4"), Report(4));
        Assert.Contains("Returned", (await RefuseAsync(Message("resource-status-report", "foshan-em", "s5"), Report(4))).Message, StringComparison.Ordinal);

        static DeploymentReported Report(int stage) => new("foshan-em", "macau-smg", "c1", stage) { At = Now };
    }

    /// <summary>
    /// Hundreds of concurrent commitments from several requesters against the same offers: none over-commits an offer,
    /// an item or a resource, every accepted one is counted once, every refused one says what was left.
    /// </summary>
    [Fact]
    public virtual async Task Concurrent_commitments_never_over_commit_and_the_totals_add_up()
    {
        string[] providers = ["foshan-em", "shenzhen-em"];
        string[] requesters = ["macau-smg", "zhuhai-em", "jiangmen-em"];
        foreach (var provider in providers)
        {
            await PublishAsync(Boats(provider, "boats", 30));
            for (var o = 0; o < 3; o++)
            {
                await AcceptAsync(Message("resource-offer", provider, $"o{o}"), Offer(provider, $"o{o}", "boats", 10));
            }
        }

        foreach (var requester in requesters)
        {
            await RequestAsync(requester, "req", boats: 25);
        }

        var accepted = new ConcurrentBag<CommitmentMade>();
        var refusals = new ConcurrentBag<PoolStepRefusedException>();
        var random = new Random(20260915);
        var attempts = Enumerable.Range(0, 300).Select(i => Commit(requesters[i % 3], $"c{i}", providers[random.Next(2)], $"o{random.Next(3)}", "req", 1 + random.Next(3))).ToList();
        await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Cancel }, async (commitment, token) =>
        {
            try
            {
                var result = await Store.AppendPoolStepAsync(Message("resource-commitment", commitment.Owner, commitment.Id, content: commitment.ToString()), commitment, token);
                Assert.Equal(AppendOutcome.Appended, result.Outcome);
                accepted.Add(commitment);
            }
            catch (PoolStepRefusedException refused)
            {
                Assert.Equal(PoolRefusal.FailedPrecondition, refused.Refusal);
                refusals.Add(refused);
            }
        });

        Assert.Equal(300, accepted.Count + refusals.Count);
        Assert.NotEmpty(refusals);
        foreach (var provider in providers)
        {
            var committed = accepted.Where(c => c.Provider == provider).Sum(c => c.Quantity);
            var entry = await EntryAsync(provider, "boats");
            Assert.Equal(committed, entry.Resource.Committed);
            Assert.True(entry.Resource.Committed + entry.Offered <= entry.Resource.Quantity, $"{provider}: {entry.Resource.Committed} committed + {entry.Offered} offered > {entry.Resource.Quantity}");
            Assert.Equal(30 - committed, entry.Offered);
            foreach (var offer in Enumerable.Range(0, 3).Select(o => $"o{o}"))
            {
                Assert.True(accepted.Where(c => c.Provider == provider && c.OfferId == offer).Sum(c => c.Quantity) <= 10, $"{provider}/{offer} over-committed");
            }
        }

        foreach (var requester in requesters)
        {
            var fill = await Store.GetRequestFillAsync(requester, "req", Now, Cancel);
            var committed = accepted.Where(c => c.Owner == requester).Sum(c => c.Quantity);
            Assert.Equal(committed, fill!.Request.Items[0].Committed);
            Assert.True(committed <= 25, $"{requester}: {committed} committed of 25 wanted");
        }

        // Each refusal names what was left, and the attempts were enough for 60 offered against 75 wanted to run low.
        Assert.All(refusals, r => Assert.Matches("has [0-2] left|needs [0-2] more", r.Message));
        Assert.True(accepted.Sum(c => c.Quantity) >= 50, $"only {accepted.Sum(c => c.Quantity)} of 60 committed after 300 attempts");
    }

    /// <summary>The pool query narrows by type, distance, jurisdiction, capability and visibility, nearest first.</summary>
    [Fact]
    public virtual async Task The_pool_query_finds_what_is_near_visible_and_available()
    {
        await PublishAsync(Boats("foshan-em", "boats", 4, longitude: 113.12, latitude: 23.02));
        await PublishAsync(Boats("shenzhen-em", "boats", 3, longitude: 114.06, latitude: 22.54, viewers: ["group:gba"]));
        await PublishAsync(Boats("beijing-em", "boats", 9, longitude: 116.40, latitude: 39.90) with { Jurisdiction = "110105" });
        await PublishAsync(Boats("zhuhai-em", "boats", 2, longitude: 113.55, latitude: 22.27, viewers: ["partner:foshan-em"]));
        await PublishAsync(Boats("jiangmen-em", "boats", 5, longitude: 113.08, latitude: 22.58) with { Capabilities = [("seats", 6, "1")] });

        var macau = (113.55, 22.19);
        var query = new PoolQuery { Types = ["boat"], Near = macau, WithinKm = 150, Viewer = ["partner:macau-smg", "role:city", "group:gba"], ViewerId = "macau-smg", At = Now, Limit = 10 };
        var found = await Store.QueryPoolAsync(query, Cancel);
        Assert.Equal(["jiangmen-em", "shenzhen-em", "foshan-em"], found.Select(e => e.Resource.Owner));
        Assert.True(found.Select(e => e.DistanceKm).SequenceEqual(found.Select(e => e.DistanceKm).Order()));

        var seats = await Store.QueryPoolAsync(query with { Capabilities = [("seats", 10, "1")] }, Cancel);
        Assert.Equal(["shenzhen-em", "foshan-em"], seats.Select(e => e.Resource.Owner));
        Assert.Empty(await Store.QueryPoolAsync(query with { Types = ["drainage-pump"] }, Cancel));
        Assert.Equal(["beijing-em"], (await Store.QueryPoolAsync(query with { Near = null, Jurisdictions = ["11"] }, Cancel)).Select(e => e.Resource.Owner));
        Assert.Equal(2, (await Store.QueryPoolAsync(query with { Limit = 1 }, Cancel)).Count);
    }
}
