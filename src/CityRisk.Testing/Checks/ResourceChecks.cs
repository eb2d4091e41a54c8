using System.Collections.Concurrent;
using System.Globalization;
using CityRisk.Geo;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// The resources capability (docs/resources.md; docs/protocol.md §3.7, §4.2.3, §6.11, §6.12): the full cycle with the
/// pool's quantities at every step, every refusal of the arithmetic, a concurrent over-commit attempt, and audience
/// and scope. City A provides, City B requests; both and the lifeline operator belong to the mutual-aid group the
/// identities name; the outsider does not.
/// </summary>
internal static class ResourceChecks
{
    /// <summary>A type of the kit's own namespace, so other partners' resources stay out of its pool queries.</summary>
    private const string KitType = "conformance:kit-boat";

    private static readonly GeoPoint Harbour = new(113.5355, 22.196);

    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("RES-001", ConformanceCapability.Resources, "docs/protocol.md §3.7 (the arithmetic), §6.11 (QueryResourcePool), §6.12 (GetResourceRequestStatus)",
            "A full cycle (resource, request, offer, two commitments, four status reports, a release) leaves the pool and the request's fill exactly as the arithmetic says at every step.", async (c, ct) =>
        {
            var (provider, requester, group) = Parties(c);
            var resource = await PublishResourceAsync(c, provider, group, 10, ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "10/10 offered 0 committed 0", "the new resource", ct).ConfigureAwait(false);
            var request = await PublishRequestAsync(c, requester, group, 6, ct).ConfigureAwait(false);
            await ExpectFillAsync(c, requester, request, "Open 6/0/0/0", "the new request", ct).ConfigureAwait(false);
            var offer = Offer(c, provider, resource, request, 5);
            await EntityPublishing.PublishAsync(c, provider, offer, ResourceEnvelope.Derive(offer), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "5/10 offered 5 committed 0", "an offer of 5 holds 5", ct).ConfigureAwait(false);
            await ExpectFillAsync(c, requester, request, "Open 6/0/0/5", "an offer of 5 for the item", ct).ConfigureAwait(false);

            var first = Commitment(c, requester, offer, request, 3);
            await EntityPublishing.PublishAsync(c, requester, first, ResourceEnvelope.Derive(first), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "5/10 offered 2 committed 3", "a commitment of 3 moves 3 from offered to committed", ct).ConfigureAwait(false);
            await ExpectFillAsync(c, requester, request, "PartiallyFilled 6/3/0/2", "3 of 6 committed", ct).ConfigureAwait(false);
            var second = Commitment(c, requester, offer, request, 2);
            await EntityPublishing.PublishAsync(c, requester, second, ResourceEnvelope.Derive(second), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "5/10 offered 0 committed 5", "the offer committed in full", ct).ConfigureAwait(false);

            foreach (var status in new[] { DeploymentStatus.EnRoute, DeploymentStatus.OnScene, DeploymentStatus.Demobilized, DeploymentStatus.Returned })
            {
                var report = Report(c, provider, first, status);
                await EntityPublishing.PublishAsync(c, provider, report, ResourceEnvelope.Derive(report), ct).ConfigureAwait(false);
            }

            var release = Release(c, requester, first, provider, 3);
            await EntityPublishing.PublishAsync(c, requester, release, ResourceEnvelope.Derive(release), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "8/10 offered 0 committed 2", "a release of 3 returns 3 at once", ct).ConfigureAwait(false);
            await ExpectFillAsync(c, requester, request, "PartiallyFilled 6/5/3/0", "released quantities still count as committed", ct).ConfigureAwait(false);

            var closed = request with { Revision = 2, State = ResourceRequestState.Closed, UpdatedAt = request.UpdatedAt.AddMinutes(30) };
            await EntityPublishing.PublishAsync(c, requester, closed, ResourceEnvelope.Derive(closed), ct).ConfigureAwait(false);
            await ExpectFillAsync(c, requester, request, "Closed 6/5/3/0", "the request Closed", ct).ConfigureAwait(false);
        });

        yield return new("RES-002", ConformanceCapability.Resources, "docs/protocol.md §3.7 (a step that would break the arithmetic is FAILED_PRECONDITION saying what is left; who may take each step; offers lapse with their request)",
            "Beyond what is available, left on the offer, needed by the item or still committed, an expired or withdrawn offer, a report out of order or by the requester: each refused with its status, and the pool unchanged; a cancelled request's offer lapses.", async (c, ct) =>
        {
            var (provider, requester, group) = Parties(c);
            var resource = await PublishResourceAsync(c, provider, group, 4, ct).ConfigureAwait(false);
            var request = await PublishRequestAsync(c, requester, group, 3, ct).ConfigureAwait(false);
            var tooBig = Offer(c, provider, resource, request, 5);
            await EntityPublishing.RefusedAsync(c, provider, tooBig, ResourceEnvelope.Derive(tooBig), StatusCode.FailedPrecondition, "an offer of 5 of a resource of 4", ct, "4").ConfigureAwait(false);
            var offer = Offer(c, provider, resource, request, 4);
            await EntityPublishing.PublishAsync(c, provider, offer, ResourceEnvelope.Derive(offer), ct).ConfigureAwait(false);
            var another = Offer(c, provider, resource, request, 1);
            await EntityPublishing.RefusedAsync(c, provider, another, ResourceEnvelope.Derive(another), StatusCode.FailedPrecondition, "a second offer when all 4 are held", ct, "0").ConfigureAwait(false);
            var lapsed = another with { Id = c.NewId("offer"), UpdatedAt = ConformanceContext.Now().AddHours(-3), ExpiresAt = ConformanceContext.Now().AddHours(-1) };
            await EntityPublishing.RefusedAsync(c, provider, lapsed, ResourceEnvelope.Derive(lapsed), StatusCode.FailedPrecondition, "an offer whose expiresAt is an hour past", ct).ConfigureAwait(false);

            var beyondItem = Commitment(c, requester, offer, request, 4);
            await EntityPublishing.RefusedAsync(c, requester, beyondItem, ResourceEnvelope.Derive(beyondItem), StatusCode.FailedPrecondition, "a commitment of 4 to an item of 3", ct, "3").ConfigureAwait(false);
            var commitment = Commitment(c, requester, offer, request, 2);
            await EntityPublishing.PublishAsync(c, requester, commitment, ResourceEnvelope.Derive(commitment), ct).ConfigureAwait(false);
            var beyondOffer = Commitment(c, requester, offer, request, 3);
            await EntityPublishing.RefusedAsync(c, requester, beyondOffer, ResourceEnvelope.Derive(beyondOffer), StatusCode.FailedPrecondition, "a commitment of 3 when the item needs 1 more", ct, "1").ConfigureAwait(false);

            var early = Report(c, provider, commitment, DeploymentStatus.OnScene);
            await EntityPublishing.RefusedAsync(c, provider, early, ResourceEnvelope.Derive(early), StatusCode.FailedPrecondition, "OnScene before EnRoute", ct, "EnRoute").ConfigureAwait(false);
            var byRequester = Report(c, requester, commitment, DeploymentStatus.EnRoute);
            await EntityPublishing.RefusedAsync(c, requester, byRequester, ResourceEnvelope.Derive(byRequester), StatusCode.PermissionDenied, "a status report by the requester, not the provider", ct).ConfigureAwait(false);
            var overRelease = Release(c, requester, commitment, provider, 3);
            await EntityPublishing.RefusedAsync(c, requester, overRelease, ResourceEnvelope.Derive(overRelease), StatusCode.FailedPrecondition, "a release of 3 of a commitment of 2", ct, "2").ConfigureAwait(false);

            var withdrawn = offer with { Revision = 2, State = ResourceOfferState.Withdrawn, UpdatedAt = offer.UpdatedAt.AddMinutes(1) };
            await EntityPublishing.PublishAsync(c, provider, withdrawn, ResourceEnvelope.Derive(withdrawn), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "2/4 offered 0 committed 2", "the withdrawn offer's uncommitted 2 available again", ct).ConfigureAwait(false);
            var afterWithdrawal = Commitment(c, requester, offer, request, 1);
            await EntityPublishing.RefusedAsync(c, requester, afterWithdrawal, ResourceEnvelope.Derive(afterWithdrawal), StatusCode.FailedPrecondition, "a commitment of a withdrawn offer", ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "2/4 offered 0 committed 2", "the refused steps changing nothing", ct).ConfigureAwait(false);

            // A request cancelled lapses the offers made for it.
            var second = await PublishRequestAsync(c, requester, group, 2, ct).ConfigureAwait(false);
            var forSecond = Offer(c, provider, resource, second, 2);
            await EntityPublishing.PublishAsync(c, provider, forSecond, ResourceEnvelope.Derive(forSecond), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "0/4 offered 2 committed 2", "an offer of 2 for a second request", ct).ConfigureAwait(false);
            var cancelled = second with { Revision = 2, State = ResourceRequestState.Cancelled, UpdatedAt = second.UpdatedAt.AddMinutes(1) };
            await EntityPublishing.PublishAsync(c, requester, cancelled, ResourceEnvelope.Derive(cancelled), ct).ConfigureAwait(false);
            await ExpectPoolAsync(c, requester, resource, "2/4 offered 0 committed 2", "the second request cancelled (its offer lapses)", ct).ConfigureAwait(false);
        });

        yield return new("RES-003", ConformanceCapability.Resources, "docs/protocol.md §3.7 (the quantities hold under any concurrency), §11.8",
            "Forty concurrent commitments of 1 from two requesters against two offers of 5: at most 5 per offer and 10 in all are accepted, every other is FAILED_PRECONDITION, and the pool's committed count is the sum accepted.", async (c, ct) =>
        {
            var (provider, requester, group) = Parties(c);
            var second = c.Identities.LifelineOperator;
            var resource = await PublishResourceAsync(c, provider, group, 10, ct).ConfigureAwait(false);
            var requests = new[] { await PublishRequestAsync(c, requester, group, 20, ct).ConfigureAwait(false), await PublishRequestAsync(c, second, group, 20, ct).ConfigureAwait(false) };
            var offers = new[] { Offer(c, provider, resource, null, 5, group), Offer(c, provider, resource, null, 5, group) };
            foreach (var offer in offers)
            {
                await EntityPublishing.PublishAsync(c, provider, offer, ResourceEnvelope.Derive(offer), ct).ConfigureAwait(false);
            }

            var accepted = new ConcurrentBag<ResourceCommitment>();
            var others = new ConcurrentBag<string>();
            await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                var (party, request) = i % 2 == 0 ? (requester, requests[0]) : (second, requests[1]);
                var commitment = Commitment(c, party, offers[(i / 2) % 2], request, 1);
                try
                {
                    await c.CallPublishAsync(party, EntityPublishing.EnvelopeOf(commitment, ResourceEnvelope.Derive(commitment)), ct).ConfigureAwait(false);
                    accepted.Add(commitment);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                {
                    others.Add("refused");
                }
                catch (RpcException ex)
                {
                    others.Add(ConformanceContext.Describe(ex));
                }
            })).ConfigureAwait(false);

            if (others.FirstOrDefault(o => o != "refused") is { } unexpected)
            {
                throw new ConformanceFailedException("every commitment beyond the offers to be FAILED_PRECONDITION", unexpected);
            }

            foreach (var offer in offers)
            {
                var taken = accepted.Count(a => a.Offer.Id == offer.Id);
                if (taken > 5)
                {
                    throw new ConformanceFailedException($"at most 5 commitments of 1 accepted against offer {offer.Id} of 5", taken.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (accepted.Count != 10)
            {
                throw new ConformanceFailedException("exactly 10 of the 40 commitments accepted (two offers of 5, requests of 20)", accepted.Count.ToString(CultureInfo.InvariantCulture));
            }

            await ExpectPoolAsync(c, requester, resource, "0/10 offered 0 committed 10", "the pool after the concurrent commitments", ct).ConfigureAwait(false);
            var filled = (await FillAsync(c, requester, requests[0], ct).ConfigureAwait(false)).Items[0].Committed + (await FillAsync(c, second, requests[1], ct).ConfigureAwait(false)).Items[0].Committed;
            if (filled != 10)
            {
                throw new ConformanceFailedException("the two requests' committed quantities to add up to the 10 accepted", filled.ToString(CultureInfo.InvariantCulture));
            }
        });

        yield return new("RES-004", ConformanceCapability.Resources, "docs/protocol.md §5.2 (a group audience), §5.5 (no existence leaks), §3.4 (a step answering what the caller may not see is NOT_FOUND)",
            "A request and a resource Restricted to the mutual-aid group do not exist for the outsider: Get, Query, the request's fill, the pool and an offer for the request are all as for nothing; group members see them.", async (c, ct) =>
        {
            var (provider, requester, group) = Parties(c);
            var resource = await PublishResourceAsync(c, provider, group, 3, ct).ConfigureAwait(false);
            var request = await PublishRequestAsync(c, requester, group, 2, ct).ConfigureAwait(false);
            var key = EntityMessages.Key(DocumentKinds.ResourceRequest, requester.PartnerId, request.Id);
            foreach (var member in new[] { provider, c.Identities.LifelineOperator })
            {
                await c.Client.GetAsync(new GetRequest { Entity = key }, ConformanceContext.As(member, ct)).ResponseAsync.ConfigureAwait(false);
            }

            var outsider = c.Identities.Outsider;
            await ConformanceContext.ExpectStatusAsync(() => c.Client.GetAsync(new GetRequest { Entity = key }, ConformanceContext.As(outsider, ct)).ResponseAsync, StatusCode.NotFound, "Get of the request by the outsider").ConfigureAwait(false);
            var listed = await c.QueryAllAsync(outsider, new Filter { Kinds = { DocumentKinds.ResourceRequest }, Entities = { key } }, 100, ct).ConfigureAwait(false);
            if (listed.Count != 0)
            {
                throw new ConformanceFailedException("the outsider's Query to leave the request out", $"{listed.Count} message(s)");
            }

            await ConformanceContext.ExpectStatusAsync(() => c.Client.GetResourceRequestStatusAsync(new GetResourceRequestStatusRequest { Owner = requester.PartnerId, Id = request.Id }, ConformanceContext.As(outsider, ct)).ResponseAsync,
                StatusCode.NotFound, "GetResourceRequestStatus by the outsider").ConfigureAwait(false);
            var outsiderOffer = Offer(c, outsider, resource with { Owner = outsider.PartnerId }, request, 1);
            await EntityPublishing.RefusedAsync(c, outsider, outsiderOffer, ResourceEnvelope.Derive(outsiderOffer), StatusCode.NotFound, "an offer by the outsider for the request", ct).ConfigureAwait(false);
            var pool = await PoolAsync(c, outsider, ct).ConfigureAwait(false);
            if (pool.Entries.Any(e => e.Resource.Owner == provider.PartnerId && e.Resource.Id == resource.Id))
            {
                throw new ConformanceFailedException("the outsider's pool to leave out the group's resource", "listed");
            }
        });

        yield return new("RES-005", ConformanceCapability.Resources, "docs/protocol.md §4.2.3 (commitments, reports and releases are Private between requester and provider), §5.5",
            "A commitment and its status report are seen by the requester and the provider only; another group member's Get is NOT_FOUND, and its report on the commitment is NOT_FOUND.", async (c, ct) =>
        {
            var (provider, requester, group) = Parties(c);
            var resource = await PublishResourceAsync(c, provider, group, 2, ct).ConfigureAwait(false);
            var request = await PublishRequestAsync(c, requester, group, 2, ct).ConfigureAwait(false);
            var offer = Offer(c, provider, resource, request, 2);
            await EntityPublishing.PublishAsync(c, provider, offer, ResourceEnvelope.Derive(offer), ct).ConfigureAwait(false);
            var commitment = Commitment(c, requester, offer, request, 2);
            await EntityPublishing.PublishAsync(c, requester, commitment, ResourceEnvelope.Derive(commitment), ct).ConfigureAwait(false);
            var key = EntityMessages.Key(DocumentKinds.ResourceCommitment, requester.PartnerId, commitment.Id);
            await c.Client.GetAsync(new GetRequest { Entity = key }, ConformanceContext.As(provider, ct)).ResponseAsync.ConfigureAwait(false);
            var member = c.Identities.LifelineOperator;
            await ConformanceContext.ExpectStatusAsync(() => c.Client.GetAsync(new GetRequest { Entity = key }, ConformanceContext.As(member, ct)).ResponseAsync, StatusCode.NotFound,
                "Get of the commitment by a group member that is neither requester nor provider").ConfigureAwait(false);
            var report = Report(c, member, commitment, DeploymentStatus.EnRoute);
            await EntityPublishing.RefusedAsync(c, member, report, ResourceEnvelope.Derive(report), StatusCode.NotFound, "a status report on the commitment by a partner that may not see it", ct).ConfigureAwait(false);
        });
    }

    private static (ConformanceParty Provider, ConformanceParty Requester, string Group) Parties(ConformanceContext c) =>
        c.Identities.MutualAidGroup is { } group
            ? (c.Identities.CityA, c.Identities.CityB, group)
            : throw new ConformanceSkippedException("The identities name no mutual-aid group (\"mutualAidGroup\"): the resources checks need a group of the endpoint holding city-a, city-b and the lifeline operator, and not the outsider.");

    private static async Task<Resource> PublishResourceAsync(ConformanceContext c, ConformanceParty owner, string group, int quantity, CancellationToken ct)
    {
        var resource = new Resource
        {
            Id = c.NewId("res"),
            Owner = owner.PartnerId,
            Revision = 1,
            Type = KitType,
            Name = LocalizedText.Of("en", "Conformance boats"),
            Quantity = quantity,
            Unit = "boat",
            Capabilities = [new ResourceCapability { Name = "seats", Value = 12, Unit = "1" }],
            Home = new PointGeometry(new GeoPoint(113.1214, 23.0215)),
            Jurisdiction = "440604",
            Status = ResourceStatus.Available,
            UpdatedAt = ConformanceContext.Now().AddMinutes(-30),
            Scope = DocumentScope.Restricted,
            Audience = [$"group:{group}"],
        };
        await EntityPublishing.PublishAsync(c, owner, resource, ResourceEnvelope.Derive(resource), ct).ConfigureAwait(false);
        return resource;
    }

    private static async Task<ResourceRequest> PublishRequestAsync(ConformanceContext c, ConformanceParty owner, string group, int quantity, CancellationToken ct)
    {
        var now = ConformanceContext.Now();
        var request = new ResourceRequest
        {
            Id = c.NewId("req"),
            Owner = owner.PartnerId,
            Revision = 1,
            Title = LocalizedText.Of("en", "Conformance request"),
            Items = [new ResourceRequestItem { Type = KitType, Quantity = quantity, DeliverTo = new PointGeometry(Harbour), NeededBy = now.AddHours(3) }],
            Jurisdiction = "820000",
            State = ResourceRequestState.Open,
            UpdatedAt = now.AddMinutes(-20),
            Scope = DocumentScope.Restricted,
            Audience = [$"group:{group}"],
        };
        await EntityPublishing.PublishAsync(c, owner, request, ResourceEnvelope.Derive(request), ct).ConfigureAwait(false);
        return request;
    }

    private static ResourceOffer Offer(ConformanceContext c, ConformanceParty owner, Resource resource, ResourceRequest? request, int quantity, string? group = null) => new()
    {
        Id = c.NewId("offer"),
        Owner = owner.PartnerId,
        Revision = 1,
        Request = request is null ? null : new RequestItemReference { Owner = request.Owner, Id = request.Id, Item = 0 },
        ResourceId = resource.Id,
        Quantity = quantity,
        ExpiresAt = ConformanceContext.Now().AddHours(6),
        State = ResourceOfferState.Open,
        UpdatedAt = ConformanceContext.Now().AddMinutes(-10),
        Scope = request is null ? DocumentScope.Restricted : DocumentScope.Private,
        Audience = request is null ? [$"group:{group}"] : [],
        Recipients = request is null ? [] : [request.Owner],
    };

    private static ResourceCommitment Commitment(ConformanceContext c, ConformanceParty owner, ResourceOffer offer, ResourceRequest request, int quantity) => new()
    {
        Id = c.NewId("commit"),
        Owner = owner.PartnerId,
        Revision = 1,
        Offer = new PoolReference { Owner = offer.Owner, Id = offer.Id },
        Request = new RequestItemReference { Owner = request.Owner, Id = request.Id, Item = 0 },
        Quantity = quantity,
        CommittedAt = ConformanceContext.Now().AddMinutes(-5),
    };

    private static ResourceStatusReport Report(ConformanceContext c, ConformanceParty owner, ResourceCommitment commitment, DeploymentStatus status) => new()
    {
        Id = c.NewId("report"),
        Owner = owner.PartnerId,
        Revision = 1,
        Commitment = new PoolReference { Owner = commitment.Owner, Id = commitment.Id },
        Status = status,
        ReportedAt = ConformanceContext.Now(),
    };

    private static ResourceRelease Release(ConformanceContext c, ConformanceParty owner, ResourceCommitment commitment, ConformanceParty provider, int quantity) => new()
    {
        Id = c.NewId("release"),
        Owner = owner.PartnerId,
        Revision = 1,
        CommitmentId = commitment.Id,
        Provider = provider.PartnerId,
        Quantity = quantity,
        ReleasedAt = ConformanceContext.Now(),
    };

    private static Task<ResourcePoolResponse> PoolAsync(ConformanceContext c, ConformanceParty caller, CancellationToken ct)
    {
        var request = new ResourcePoolRequest { ResourceTypes = { KitType }, IncludeUnavailable = true, PageSize = 1000, Near = new Position { Longitude = Harbour.Longitude, Latitude = Harbour.Latitude }, WithinKm = 200 };
        return c.Client.QueryResourcePoolAsync(request, ConformanceContext.As(caller, ct)).ResponseAsync;
    }

    /// <summary>The resource's pool entry as "available/quantity offered N committed N".</summary>
    private static async Task ExpectPoolAsync(ConformanceContext c, ConformanceParty caller, Resource resource, string expected, string when, CancellationToken ct)
    {
        var pool = await PoolAsync(c, caller, ct).ConfigureAwait(false);
        var entry = pool.Entries.FirstOrDefault(e => e.Resource.Owner == resource.Owner && e.Resource.Id == resource.Id);
        var got = entry is null ? "not listed" : string.Create(CultureInfo.InvariantCulture, $"{entry.Available}/{entry.Quantity} offered {entry.Offered} committed {entry.Committed}");
        if (got != expected)
        {
            throw new ConformanceFailedException($"the pool to show {resource.Owner}/{resource.Id} as {expected} after {when}", got);
        }
    }

    private static Task<ResourceRequestStatus> FillAsync(ConformanceContext c, ConformanceParty caller, ResourceRequest request, CancellationToken ct) =>
        c.Client.GetResourceRequestStatusAsync(new GetResourceRequestStatusRequest { Owner = request.Owner, Id = request.Id }, ConformanceContext.As(caller, ct)).ResponseAsync;

    /// <summary>The request's fill as "State wanted/committed/released/offered" of its only item.</summary>
    private static async Task ExpectFillAsync(ConformanceContext c, ConformanceParty caller, ResourceRequest request, string expected, string when, CancellationToken ct)
    {
        var status = await FillAsync(c, caller, request, ct).ConfigureAwait(false);
        var item = status.Items.FirstOrDefault() ?? new RequestItemFill();
        var got = string.Create(CultureInfo.InvariantCulture, $"{status.State} {item.Wanted}/{item.Committed}/{item.Released}/{item.Offered}");
        if (got != expected)
        {
            throw new ConformanceFailedException($"the fill of request {request.Id} to be {expected} after {when}", got);
        }
    }
}
