using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Exchange;
using CityRisk.Server.Geo;
using CityRisk.Server.Partners;
using CityRisk.Storage;

namespace CityRisk.Server.Resources;

/// <summary>Requests: Open until Cancelled or Closed, items kept in place, no item's quantity below what is committed to it.</summary>
internal sealed class ResourceRequestEntityKind : PoolEntityKind<ResourceRequest>
{
    public override string Kind => DocumentKinds.ResourceRequest;

    public override IReadOnlyList<string>? AllowedAfter(string previous) =>
        Enum.TryParse<ResourceRequestState>(previous, out var state) ? [.. ResourcePooling.AllowedAfter(state).Select(s => s.ToString())] : null;

    public override void Authorize(Partner caller, EntityRevision next, EntityRevision previous) =>
        Refuse($"request '{next.Id}'", next.Revision, previous.Revision, ResourceValidator.StepProblems((ResourceRequest)previous.Document, (ResourceRequest)next.Document));

    protected override (string Owner, string Id, long Revision, string? State) KeyOf(ResourceRequest document) =>
        (document.Owner, document.Id, document.Revision, document.State.ToString());

    protected override Envelope Derive(ResourceRequest document) => ResourceEnvelope.Derive(document);

    protected override NetTopologySuite.Geometries.Geometry? GeometryOf(ResourceRequest document)
    {
        var points = document.Items.Select(i => GeometryBuilder.FromGeometry(i.DeliverTo)).OfType<NetTopologySuite.Geometries.Point>().ToArray();
        return points.Length == 0 ? null : points.Length == 1 ? points[0] : GeometryBuilder.Factory.CreateMultiPoint(points);
    }

    protected override PoolStep StepOf(ResourceRequest document, Envelope envelope, DateTimeOffset now) =>
        new RequestChanged(document.Owner, document.Id, document.Revision, document.State.ToString(), [.. document.Items.Select(i => (i.Type, i.Quantity))]) { At = now };
}
