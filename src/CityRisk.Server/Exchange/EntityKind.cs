using CityRisk.Protocol.V1;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// What the hub needs to know of one entity kind (docs/protocol.md §3.4): how to read and check a revision, the
/// routing fields its document implies, for a kind with a life cycle which states may follow which, and who may
/// publish a revision. The entity rules every kind shares (n+1 after n, the previous revision leaves the current
/// view, scope, NOT_FOUND for what the caller may not see) are the hub's, in <see cref="ExchangeService"/>; a new
/// kind adds one of these and nothing else.
/// </summary>
internal abstract class EntityKind
{
    /// <summary>The kind's name on the wire (<c>hazard</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Reads a revision's payload (INVALID_ARGUMENT with every problem when it cannot be read or is invalid).</summary>
    /// <param name="read">Reads a document of a contract type from the envelope, with the hub's codecs and refusals.</param>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The revision as the hub handles it.</returns>
    public abstract EntityRevision Read(Func<Envelope, object> read, Envelope envelope);

    /// <summary>
    /// The states that may follow <paramref name="previous"/> (the state of revision n), or null when the kind has
    /// no life cycle. A revision whose state is not among them is FAILED_PRECONDITION naming them.
    /// </summary>
    /// <param name="previous">The previous revision's state.</param>
    public virtual IReadOnlyList<string>? AllowedAfter(string previous) => null;

    /// <summary>
    /// The partner a revision says publishes it, which must be the caller (PERMISSION_DENIED otherwise): by default
    /// the owner, so only the owner publishes; a kind whose steps others take (an incident's assignee) says who.
    /// </summary>
    /// <param name="revision">The revision.</param>
    public virtual string PublisherOf(EntityRevision revision) => revision.Owner;

    /// <summary>The role a partner must hold to publish the kind at all (PERMISSION_DENIED otherwise); null when any partner may.</summary>
    public virtual string? RequiredRole => null;

    /// <summary>
    /// Whether the caller may read an entity its envelope does not show it (an insurer's grant over an enterprise
    /// profile), recording the read when the kind audits reads; false by default. Asked by Get only, after the
    /// envelope's own visibility said no; false answers NOT_FOUND, exactly as if it did not exist.
    /// </summary>
    /// <param name="store">The hub's store.</param>
    /// <param name="caller">The reading partner.</param>
    /// <param name="latest">The entity's latest revision.</param>
    /// <param name="envelope">Its envelope.</param>
    /// <param name="now">The hub's clock.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public virtual Task<bool> ReadUnderGrantAsync(IExchangeStore store, Partner caller, StoredMessage latest, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>
    /// Refuses a step its publisher may not take (PERMISSION_DENIED), or that does not follow from the previous
    /// revision (INVALID_ARGUMENT), by throwing; called with revision n when n+1 is published, after the life-cycle
    /// check. By default every step by the publisher <see cref="PublisherOf"/> names is allowed.
    /// </summary>
    /// <param name="caller">The publishing partner.</param>
    /// <param name="next">The revision published.</param>
    /// <param name="previous">The revision before it.</param>
    public virtual void Authorize(Partner caller, EntityRevision next, EntityRevision previous)
    {
    }

    /// <summary>
    /// The entities a revision answers (an offer's request, a commitment's offer), by kind, owner and id: each must
    /// exist and be visible to the caller, else the revision is NOT_FOUND, as a Get of it would be.
    /// </summary>
    /// <param name="revision">The revision.</param>
    public virtual IEnumerable<(string Kind, string Owner, string Id)> References(EntityRevision revision) => [];

    /// <summary>Stores a checked revision; a kind with its own index (incident statistics, the pool's ledger) writes it in the same transaction.</summary>
    /// <param name="store">The hub's store.</param>
    /// <param name="message">The revision's message.</param>
    /// <param name="revision">The revision, read.</param>
    /// <param name="envelope">Its envelope.</param>
    /// <param name="now">The hub's clock.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public virtual Task<AppendResult> AppendAsync(IExchangeStore store, StoredMessage message, EntityRevision revision, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.AppendAsync(message, cancellationToken);
}

/// <summary>One revision of an entity, as an <see cref="EntityKind"/> read it.</summary>
/// <param name="Owner">The owning partner.</param>
/// <param name="Id">The entity id.</param>
/// <param name="Revision">The revision number.</param>
/// <param name="State">Its life-cycle state, or null for a kind without one.</param>
/// <param name="Mismatches">The envelope fields that disagree with the payload, each with why.</param>
/// <param name="Geometry">What it covers, for area filters; null when nothing.</param>
/// <param name="Document">The payload, read (a <c>Hazard</c>, an <c>Incident</c> ...), for the kind's own checks.</param>
internal sealed record EntityRevision(string Owner, string Id, long Revision, string? State, IReadOnlyList<(string Field, string Why)> Mismatches, NetTopologySuite.Geometries.Geometry? Geometry, object Document);
