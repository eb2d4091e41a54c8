using CityRisk.Protocol.V1;

namespace CityRisk.Server.Exchange;

/// <summary>
/// What the hub needs to know of one entity kind (docs/protocol.md §3.4): how to read and check a revision, the
/// routing fields its document implies, and, for a kind with a life cycle, which states may follow which. The entity
/// rules every kind shares (owner only, n+1 after n, the previous revision leaves the current view, scope) are the
/// hub's, in <see cref="ExchangeService"/>; a new kind adds one of these and nothing else.
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
}

/// <summary>One revision of an entity, as an <see cref="EntityKind"/> read it.</summary>
/// <param name="Owner">The owning partner.</param>
/// <param name="Id">The entity id.</param>
/// <param name="Revision">The revision number.</param>
/// <param name="State">Its life-cycle state, or null for a kind without one.</param>
/// <param name="Mismatches">The envelope fields that disagree with the payload, each with why.</param>
/// <param name="Geometry">What it covers, for area filters; null when nothing.</param>
internal sealed record EntityRevision(string Owner, string Id, long Revision, string? State, IReadOnlyList<(string Field, string Why)> Mismatches, NetTopologySuite.Geometries.Geometry? Geometry);
