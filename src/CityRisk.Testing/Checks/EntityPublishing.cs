using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>Publishing an entity's revision from a check: the derived envelope completed with the document, stored or refused as the check expects.</summary>
internal static class EntityPublishing
{
    /// <summary>The envelope of a revision: what <c>Derive</c> gave, completed with the document written as CityRisk JSON.</summary>
    internal static Envelope EnvelopeOf<T>(T document, Envelope derived)
        where T : class
    {
        var codec = DocumentCodecs.Default.Get<T>(DocumentFormat.CityRiskJson);
        // Every kind completes its envelope the same way (payload, content type, sent); the pooling kinds' Complete serves all.
        return ResourceEnvelope.Complete(derived, codec.Write(document, validate: false).Value!, codec.MediaType, ConformanceContext.Now());
    }

    /// <summary>Publishes an entity's revision as a party; FAIL unless it is stored.</summary>
    internal static async Task PublishAsync<T>(ConformanceContext c, ConformanceParty party, T document, Envelope derived, CancellationToken ct)
        where T : class
    {
        try
        {
            await c.CallPublishAsync(party, EnvelopeOf(document, derived), ct).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"the {derived.Kind} {derived.Entity.Owner}/{derived.Entity.Id} revision {derived.Revision} by {party.PartnerId} to be stored", ConformanceContext.Describe(ex));
        }
    }

    /// <summary>Publishes an entity's revision as a party; FAIL unless it is refused with <paramref name="expected"/> (naming <paramref name="naming"/> when given).</summary>
    internal static async Task RefusedAsync<T>(ConformanceContext c, ConformanceParty party, T document, Envelope derived, StatusCode expected, string what, CancellationToken ct, string? naming = null)
        where T : class
    {
        var refused = await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(party, EnvelopeOf(document, derived), ct), expected, what).ConfigureAwait(false);
        if (naming is not null && !refused.Status.Detail.Contains(naming, StringComparison.Ordinal))
        {
            throw new ConformanceFailedException($"{ConformanceContext.Name(expected)} for {what} saying what is left ({naming})", refused.Status.Detail);
        }
    }
}
