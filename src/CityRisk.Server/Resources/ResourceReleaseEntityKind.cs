using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Storage;

namespace CityRisk.Server.Resources;

/// <summary>Releases: the requester gives back some of what it committed; the quantity is available again at once.</summary>
internal sealed class ResourceReleaseEntityKind : PoolEntityKind<ResourceRelease>
{
    public override string Kind => DocumentKinds.ResourceRelease;

    public override IEnumerable<(string Kind, string Owner, string Id)> References(Exchange.EntityRevision revision)
    {
        var release = (ResourceRelease)revision.Document;
        return [(DocumentKinds.ResourceCommitment, release.Owner, release.CommitmentId)];
    }

    protected override (string Owner, string Id, long Revision, string? State) KeyOf(ResourceRelease document) => (document.Owner, document.Id, document.Revision, null);

    protected override Envelope Derive(ResourceRelease document) => ResourceEnvelope.Derive(document);

    protected override PoolStep StepOf(ResourceRelease document, Envelope envelope, DateTimeOffset now) =>
        new CommitmentReleased(document.Owner, document.CommitmentId, document.Provider, document.Quantity) { At = now };
}
