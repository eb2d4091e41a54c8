using System.Globalization;

namespace CityRisk.Storage;

/// <summary>
/// The pool's arithmetic (docs/resources.md, "The arithmetic"), one implementation for every store: a step is checked
/// against the rows it touches and applied to them, or refused with what is left. Run inside the store's atomic write
/// with the step's message, so the guarantees hold under any concurrency:
/// <list type="bullet">
/// <item>a resource's open offers (not committed, not expired) plus its commitments (not released) never exceed its quantity;</item>
/// <item>an offer's commitments never exceed what it offered, and nothing is committed of a withdrawn or expired offer;</item>
/// <item>a request item's commitments never exceed what it wants;</item>
/// <item>a release returns its quantity to the resource at once, and never more than is committed;</item>
/// <item>a request that is Cancelled or Closed lapses the offers made for it: what they held is available again;</item>
/// <item>deployment reports come in order: EnRoute, OnScene, Demobilized, Returned.</item>
/// </list>
/// </summary>
public static class PoolLedger
{
    private static readonly string[] Stages = ["Committed", "EnRoute", "OnScene", "Demobilized", "Returned"];

    /// <summary>Checks a step against the rows and applies it, or throws <see cref="PoolStepRefusedException"/> having written nothing.</summary>
    /// <param name="step">The step.</param>
    /// <param name="rows">The store's rows, inside its atomic write.</param>
    public static void Apply(PoolStep step, IPoolLedgerRows rows)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(rows);
        switch (step)
        {
            case ResourceChanged changed:
                ChangeResource(changed, rows);
                break;
            case RequestChanged changed:
                ChangeRequest(changed, rows);
                break;
            case OfferMade made:
                MakeOffer(made, rows);
                break;
            case OfferWithdrawn withdrawn:
                var offer = rows.Offer(withdrawn.Owner, withdrawn.Id) ?? throw NotFound($"There is no offer '{withdrawn.Id}' of '{withdrawn.Owner}' to withdraw.");
                rows.Save(offer with { Open = false });
                break;
            case CommitmentMade made:
                Commit(made, rows);
                break;
            case DeploymentReported reported:
                Report(reported, rows);
                break;
            case CommitmentReleased released:
                Release(released, rows);
                break;
            default:
                throw new ArgumentException($"Unknown pool step {step.GetType().Name}.", nameof(step));
        }
    }

    /// <summary>What of a resource is held at an instant: committed and not released, plus what its open, unexpired offers hold.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="offers">Its offers not withdrawn.</param>
    /// <param name="now">The hub's clock.</param>
    /// <returns>The quantity offered (held by offers) and the quantity committed.</returns>
    public static (int Offered, int Committed) HeldAt(PooledResource resource, IEnumerable<PooledOffer> offers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(offers);
        return (offers.Sum(o => o.HeldAt(now)), resource.Committed);
    }

    /// <summary>What of a resource can be offered at an instant: its quantity less what is held, when it is Available; else 0.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="offered">What its offers hold.</param>
    public static int Available(PooledResource resource, int offered)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Offerable ? Math.Max(0, resource.Quantity - offered - resource.Committed) : 0;
    }

    private static void ChangeResource(ResourceChanged changed, IPoolLedgerRows rows)
    {
        var next = changed.Resource;
        var existing = rows.Resource(next.Owner, next.Id);
        var committed = existing?.Committed ?? 0;
        if (existing is not null)
        {
            var (offered, _) = HeldAt(existing, rows.OpenOffersOf(next.Owner, next.Id), changed.At);
            if (next.Quantity < offered + committed)
            {
                throw Precondition($"Resource '{next.Id}' has {committed} committed and {offered} held by open offers; its quantity cannot go below {offered + committed} (release, withdraw or let offers expire first).");
            }
        }

        rows.Save(next with { Committed = committed });
    }

    private static void ChangeRequest(RequestChanged changed, IPoolLedgerRows rows)
    {
        var existing = rows.Request(changed.Owner, changed.Id);
        var items = new List<PooledRequestItem>();
        for (var i = 0; i < changed.Items.Count; i++)
        {
            var before = existing is not null && i < existing.Items.Count ? existing.Items[i] : null;
            if (before is not null && changed.Items[i].Wanted < before.Committed)
            {
                throw Precondition($"Item {Number(i)} of request '{changed.Id}' has {before.Committed} committed; its quantity cannot go below that.");
            }

            items.Add(new PooledRequestItem(changed.Items[i].Type, changed.Items[i].Wanted, before?.Committed ?? 0, before?.Released ?? 0));
        }

        var request = new PooledRequest { Owner = changed.Owner, Id = changed.Id, Revision = changed.Revision, State = changed.State, Items = items };
        rows.Save(request);
        if (!request.Accepting)
        {
            // Nothing more can be committed of the offers made for it, so they hold nothing more.
            foreach (var offer in rows.OpenOffersFor(changed.Owner, changed.Id))
            {
                rows.Save(offer with { Open = false });
            }
        }
    }

    private static void MakeOffer(OfferMade made, IPoolLedgerRows rows)
    {
        var offer = made.Offer;
        var resource = rows.Resource(offer.Owner, offer.ResourceId)
            ?? throw NotFound($"'{offer.Owner}' has no resource '{offer.ResourceId}' to offer; publish the resource first.");
        if (!resource.Offerable)
        {
            throw Precondition($"Resource '{resource.Id}' is {resource.Status}; only an Available resource can be offered.");
        }

        if (offer.ExpiresAt <= made.At)
        {
            throw Precondition($"The offer expires at {Format(offer.ExpiresAt)}, which is past by the hub's clock ({Format(made.At)}).");
        }

        var (offered, committed) = HeldAt(resource, rows.OpenOffersOf(resource.Owner, resource.Id), made.At);
        var available = Available(resource, offered);
        if (offer.Quantity > available)
        {
            throw Precondition($"Only {available} of resource '{resource.Id}' can be offered now ({resource.Quantity} in all, {committed} committed, {offered} held by open offers); this offer is for {offer.Quantity}.");
        }

        if (offer.Request is { } answered)
        {
            var request = rows.Request(answered.Owner, answered.Id) ?? throw NotFound($"There is no request '{answered.Id}' of '{answered.Owner}'.");
            CheckItem(request, answered.Item);
            if (request.Items[answered.Item].Type != resource.Type)
            {
                throw Precondition($"Item {Number(answered.Item)} of request '{request.Id}' wants {request.Items[answered.Item].Type}; resource '{resource.Id}' is {resource.Type}.");
            }
        }

        rows.Save(offer with { Open = true, Committed = 0 });
    }

    private static void Commit(CommitmentMade made, IPoolLedgerRows rows)
    {
        var offer = rows.Offer(made.Provider, made.OfferId) ?? throw NotFound($"There is no offer '{made.OfferId}' of '{made.Provider}'.");
        if (offer.Request is { } answered && (answered.Owner != made.Owner || answered.Id != made.RequestId || answered.Item != made.Item))
        {
            throw answered.Owner != made.Owner
                ? new PoolStepRefusedException(PoolRefusal.PermissionDenied, $"Offer '{offer.Id}' of '{offer.Owner}' answers a request of '{answered.Owner}'; only '{answered.Owner}' commits it.")
                : Precondition($"Offer '{offer.Id}' answers item {Number(answered.Item)} of request '{answered.Id}'; commit it to that item.");
        }

        if (!offer.Open)
        {
            throw Precondition($"Offer '{offer.Id}' of '{offer.Owner}' was withdrawn; nothing more can be committed of it.");
        }

        if (offer.ExpiresAt <= made.At)
        {
            throw Precondition($"Offer '{offer.Id}' of '{offer.Owner}' expired at {Format(offer.ExpiresAt)}; nothing more can be committed of it.");
        }

        var left = offer.Quantity - offer.Committed;
        if (made.Quantity > left)
        {
            throw Precondition($"Offer '{offer.Id}' of '{offer.Owner}' has {left} left ({offer.Quantity} offered, {offer.Committed} committed); this commitment is for {made.Quantity}.");
        }

        var request = rows.Request(made.Owner, made.RequestId) ?? throw NotFound($"'{made.Owner}' has no request '{made.RequestId}'.");
        CheckItem(request, made.Item);
        var item = request.Items[made.Item];
        var resource = rows.Resource(offer.Owner, offer.ResourceId) ?? throw NotFound($"'{offer.Owner}' has no resource '{offer.ResourceId}'.");
        if (item.Type != resource.Type)
        {
            throw Precondition($"Item {Number(made.Item)} of request '{request.Id}' wants {item.Type}; offer '{offer.Id}' is of {resource.Type}.");
        }

        var needed = item.Wanted - item.Committed;
        if (made.Quantity > needed)
        {
            throw Precondition($"Item {Number(made.Item)} of request '{request.Id}' needs {needed} more ({item.Wanted} wanted, {item.Committed} committed); this commitment is for {made.Quantity}.");
        }

        rows.Save(offer with { Committed = offer.Committed + made.Quantity });
        rows.Save(resource with { Committed = resource.Committed + made.Quantity });
        rows.Save(request with { Items = Replace(request.Items, made.Item, item with { Committed = item.Committed + made.Quantity }) });
        rows.Save(new PooledCommitment
        {
            Owner = made.Owner, Id = made.Id, Provider = offer.Owner, OfferId = offer.Id, ResourceId = offer.ResourceId,
            RequestId = made.RequestId, Item = made.Item, Quantity = made.Quantity,
        });
    }

    private static void Report(DeploymentReported reported, IPoolLedgerRows rows)
    {
        var commitment = rows.Commitment(reported.Owner, reported.CommitmentId) ?? throw NotFound($"There is no commitment '{reported.CommitmentId}' of '{reported.Owner}'.");
        if (commitment.Provider != reported.Reporter)
        {
            throw new PoolStepRefusedException(PoolRefusal.PermissionDenied, $"Commitment '{commitment.Id}' is of '{commitment.Provider}'s resource; only '{commitment.Provider}' reports its deployment.");
        }

        if (commitment.Stage >= Stages.Length - 1)
        {
            throw Precondition($"Commitment '{commitment.Id}' has Returned; there is nothing more to report.");
        }

        if (reported.Stage != commitment.Stage + 1)
        {
            throw Precondition($"Commitment '{commitment.Id}' is {Stages[commitment.Stage]}; the next report is {Stages[commitment.Stage + 1]}, not {StageName(reported.Stage)}.");
        }

        if (commitment.Released == commitment.Quantity && reported.Stage <= 2)
        {
            throw Precondition($"Commitment '{commitment.Id}' is released; what follows is Demobilized or Returned, not {StageName(reported.Stage)}.");
        }

        rows.Save(commitment with { Stage = reported.Stage });
    }

    private static void Release(CommitmentReleased released, IPoolLedgerRows rows)
    {
        var commitment = rows.Commitment(released.Owner, released.CommitmentId) ?? throw NotFound($"'{released.Owner}' has no commitment '{released.CommitmentId}'.");
        if (commitment.Provider != released.Provider)
        {
            throw Precondition($"Commitment '{commitment.Id}' is of '{commitment.Provider}'s resource; the release names '{released.Provider}'.");
        }

        var left = commitment.Quantity - commitment.Released;
        if (released.Quantity > left)
        {
            throw Precondition($"Commitment '{commitment.Id}' has {left} still committed ({commitment.Quantity} committed, {commitment.Released} released); this release is for {released.Quantity}.");
        }

        var resource = rows.Resource(commitment.Provider, commitment.ResourceId) ?? throw NotFound($"'{commitment.Provider}' has no resource '{commitment.ResourceId}'.");
        var request = rows.Request(commitment.Owner, commitment.RequestId) ?? throw NotFound($"'{commitment.Owner}' has no request '{commitment.RequestId}'.");
        var item = request.Items[commitment.Item];
        rows.Save(commitment with { Released = commitment.Released + released.Quantity });
        rows.Save(resource with { Committed = Math.Max(0, resource.Committed - released.Quantity) });
        rows.Save(request with { Items = Replace(request.Items, commitment.Item, item with { Released = item.Released + released.Quantity }) });
    }

    private static void CheckItem(PooledRequest request, int item)
    {
        if (!request.Accepting)
        {
            throw Precondition($"Request '{request.Id}' of '{request.Owner}' is {request.State}; it takes no more offers or commitments.");
        }

        if (item < 0 || item >= request.Items.Count)
        {
            throw Precondition($"Request '{request.Id}' has {request.Items.Count} item(s), numbered from 0; there is no item {Number(item)}.");
        }
    }

    private static PooledRequestItem[] Replace(IReadOnlyList<PooledRequestItem> items, int index, PooledRequestItem item)
    {
        var copy = items.ToArray();
        copy[index] = item;
        return copy;
    }

    private static string StageName(int stage) => stage >= 0 && stage < Stages.Length ? Stages[stage] : Number(stage);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static PoolStepRefusedException NotFound(string message) => new(PoolRefusal.NotFound, message);

    private static PoolStepRefusedException Precondition(string message) => new(PoolRefusal.FailedPrecondition, message);
}
