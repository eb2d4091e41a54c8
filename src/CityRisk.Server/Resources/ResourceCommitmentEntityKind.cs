using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Storage;

namespace CityRisk.Server.Resources;

/// <summary>Commitments: a requester takes some of an offer it may see for an item of its own request, within what both have left.</summary>
internal sealed class ResourceCommitmentEntityKind : PoolEntityKind<ResourceCommitment>
{
    public override string Kind => DocumentKinds.ResourceCommitment;

    public override IEnumerable<(string Kind, string Owner, string Id)> References(Exchange.EntityRevision revision)
    {
        var commitment = (ResourceCommitment)revision.Document;
        return [(DocumentKinds.ResourceOffer, commitment.Offer.Owner, commitment.Offer.Id), (DocumentKinds.ResourceRequest, commitment.Request.Owner, commitment.Request.Id)];
    }

    protected override (string Owner, string Id, long Revision, string? State) KeyOf(ResourceCommitment document) => (document.Owner, document.Id, document.Revision, null);

    protected override Envelope Derive(ResourceCommitment document) => ResourceEnvelope.Derive(document);

    protected override PoolStep StepOf(ResourceCommitment document, Envelope envelope, DateTimeOffset now) =>
        new CommitmentMade(document.Owner, document.Id, document.Offer.Owner, document.Offer.Id, document.Request.Id, document.Request.Item, document.Quantity) { At = now };
}
