using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Resources;

/// <summary>
/// What the pooling kinds share (docs/resources.md): the envelope derived by <see cref="ResourceEnvelope"/>, and the
/// append that runs the pool's ledger (<see cref="PoolLedger"/>) in the same atomic write as the message, so the
/// arithmetic holds under any concurrency.
/// </summary>
/// <typeparam name="T">The document type.</typeparam>
internal abstract class PoolEntityKind<T> : EntityKind
    where T : class
{
    public override EntityRevision Read(Func<Envelope, object> read, Envelope envelope)
    {
        var document = (T)read(envelope);
        var derived = Derive(document);
        var (owner, id, revision, state) = KeyOf(document);
        var mismatches = EntityMismatches.Describe(ResourceEnvelope.Mismatches(envelope, derived), envelope, derived, Kind, id, revision, "ResourceEnvelope.Derive in CityRisk.Protocol, docs/resources.md");
        return new EntityRevision(owner, id, revision, state, mismatches, GeometryOf(document), document);
    }

    /// <summary>Appends the message with its step; a step the ledger refuses is answered with the status its reason maps to.</summary>
    public override async Task<AppendResult> AppendAsync(IExchangeStore store, StoredMessage message, EntityRevision revision, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (store is not IResourcePoolStore pool)
        {
            throw ExchangeService.Fail(StatusCode.Unimplemented, $"This hub's store does not keep the resource pool (IResourcePoolStore), so it takes no {Kind} messages.");
        }

        try
        {
            return await pool.AppendPoolStepAsync(message, StepOf((T)revision.Document, envelope, now), cancellationToken).ConfigureAwait(false);
        }
        catch (PoolStepRefusedException refused)
        {
            throw ExchangeService.Fail(refused.Refusal switch
            {
                PoolRefusal.NotFound => StatusCode.NotFound,
                PoolRefusal.PermissionDenied => StatusCode.PermissionDenied,
                _ => StatusCode.FailedPrecondition,
            }, refused.Message);
        }
    }

    /// <summary>The document's key, revision and life-cycle state (null without one).</summary>
    protected abstract (string Owner, string Id, long Revision, string? State) KeyOf(T document);

    /// <summary>The envelope the document implies.</summary>
    protected abstract Envelope Derive(T document);

    /// <summary>What the document does to the ledger.</summary>
    protected abstract PoolStep StepOf(T document, Envelope envelope, DateTimeOffset now);

    /// <summary>Where it is, for area filters; null by default.</summary>
    protected virtual NetTopologySuite.Geometries.Geometry? GeometryOf(T document) => null;

    /// <summary>Refuses a revision whose step problems (against the one before) are not empty: INVALID_ARGUMENT with them.</summary>
    protected static void Refuse(string what, long revision, long previous, IReadOnlyList<CityRisk.Problems.Problem> problems)
    {
        if (problems.Count > 0)
        {
            throw new ExchangeRefusal($"Revision {revision} of {what} does not follow from revision {previous}: {string.Join(" ", problems.Select(p => p.Message))}", problems);
        }
    }
}
