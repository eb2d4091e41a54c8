namespace CityRisk.Storage;

/// <summary>
/// What a pooling message does to the ledger (docs/resources.md, "The arithmetic"); <see cref="PoolLedger"/> checks and
/// applies it, in the same atomic write as the message (<see cref="IResourcePoolStore"/>).
/// </summary>
public abstract record PoolStep
{
    /// <summary>The hub's clock when the step is taken: offers expire by it.</summary>
    public required DateTimeOffset At { get; init; }
}

/// <summary>A resource's revision: its new values (the committed quantity is the ledger's, not the revision's).</summary>
/// <param name="Resource">The resource as the revision states it.</param>
public sealed record ResourceChanged(PooledResource Resource) : PoolStep;

/// <summary>A request's revision: its state and each item's type and wanted quantity.</summary>
/// <param name="Owner">The requester.</param>
/// <param name="Id">The request's id.</param>
/// <param name="Revision">The revision.</param>
/// <param name="State">Its published state.</param>
/// <param name="Items">Each item's type and wanted quantity, in order.</param>
public sealed record RequestChanged(string Owner, string Id, long Revision, string State, IReadOnlyList<(string Type, int Wanted)> Items) : PoolStep;

/// <summary>An offer made (its first revision).</summary>
/// <param name="Offer">The offer.</param>
public sealed record OfferMade(PooledOffer Offer) : PoolStep;

/// <summary>An offer withdrawn (its second revision).</summary>
/// <param name="Owner">The offering partner.</param>
/// <param name="Id">The offer's id.</param>
public sealed record OfferWithdrawn(string Owner, string Id) : PoolStep;

/// <summary>A commitment made by a requester against an offer, for an item of its request.</summary>
/// <param name="Owner">The requester.</param>
/// <param name="Id">The commitment's id.</param>
/// <param name="Provider">The offer's owner.</param>
/// <param name="OfferId">The offer's id.</param>
/// <param name="RequestId">The requester's request.</param>
/// <param name="Item">The request's item.</param>
/// <param name="Quantity">How many.</param>
public sealed record CommitmentMade(string Owner, string Id, string Provider, string OfferId, string RequestId, int Item, int Quantity) : PoolStep;

/// <summary>A deployment status reported on a commitment.</summary>
/// <param name="Reporter">The reporting partner.</param>
/// <param name="Owner">The commitment's owner.</param>
/// <param name="CommitmentId">The commitment's id.</param>
/// <param name="Stage">The stage reported: 1 EnRoute, 2 OnScene, 3 Demobilized, 4 Returned.</param>
public sealed record DeploymentReported(string Reporter, string Owner, string CommitmentId, int Stage) : PoolStep;

/// <summary>Some of a commitment released by its owner.</summary>
/// <param name="Owner">The requester.</param>
/// <param name="CommitmentId">The commitment's id.</param>
/// <param name="Provider">The provider the release names.</param>
/// <param name="Quantity">How many.</param>
public sealed record CommitmentReleased(string Owner, string CommitmentId, string Provider, int Quantity) : PoolStep;
