using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using CityRisk.Server.Exchange;

namespace CityRisk.Server.Resources;

/// <summary>Offers: made (revision 1) within what the resource has available, withdrawn (revision 2) and nothing else.</summary>
internal sealed class ResourceOfferEntityKind : PoolEntityKind<ResourceOffer>
{
    public override string Kind => DocumentKinds.ResourceOffer;

    public override IReadOnlyList<string>? AllowedAfter(string previous) =>
        Enum.TryParse<ResourceOfferState>(previous, out var state) ? [.. ResourcePooling.AllowedAfter(state).Select(s => s.ToString())] : null;

    public override void Authorize(Partner caller, EntityRevision next, EntityRevision previous) =>
        Refuse($"offer '{next.Id}'", next.Revision, previous.Revision, ResourceValidator.StepProblems((ResourceOffer)previous.Document, (ResourceOffer)next.Document));

    public override IEnumerable<(string Kind, string Owner, string Id)> References(EntityRevision revision) =>
        ((ResourceOffer)revision.Document).Request is { } request ? [(DocumentKinds.ResourceRequest, request.Owner, request.Id)] : [];

    protected override (string Owner, string Id, long Revision, string? State) KeyOf(ResourceOffer document) =>
        (document.Owner, document.Id, document.Revision, document.State.ToString());

    protected override Envelope Derive(ResourceOffer document) => ResourceEnvelope.Derive(document);

    protected override PoolStep StepOf(ResourceOffer document, Envelope envelope, DateTimeOffset now) => document.State == ResourceOfferState.Withdrawn
        ? new OfferWithdrawn(document.Owner, document.Id) { At = now }
        : new OfferMade(new PooledOffer
        {
            Owner = document.Owner,
            Id = document.Id,
            ResourceId = document.ResourceId,
            Quantity = document.Quantity,
            ExpiresAt = document.ExpiresAt,
            Request = document.Request is { } request ? (request.Owner, request.Id, request.Item) : null,
        })
        { At = now };
}
