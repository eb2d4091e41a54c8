using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Exchange;
using CityRisk.Server.Geo;
using CityRisk.Server.Partners;
using CityRisk.Storage;

namespace CityRisk.Server.Resources;

/// <summary>Resources: revisions by the owner, the type and unit fixed, the quantity never below what is held.</summary>
internal sealed class ResourceEntityKind : PoolEntityKind<Resource>
{
    public override string Kind => DocumentKinds.Resource;

    public override void Authorize(Partner caller, EntityRevision next, EntityRevision previous) =>
        Refuse($"resource '{next.Id}'", next.Revision, previous.Revision, ResourceValidator.StepProblems((Resource)previous.Document, (Resource)next.Document));

    protected override (string Owner, string Id, long Revision, string? State) KeyOf(Resource document) => (document.Owner, document.Id, document.Revision, null);

    protected override Envelope Derive(Resource document) => ResourceEnvelope.Derive(document);

    protected override NetTopologySuite.Geometries.Geometry? GeometryOf(Resource document) => GeometryBuilder.FromGeometry(document.Home);

    protected override PoolStep StepOf(Resource document, Envelope envelope, DateTimeOffset now)
    {
        var home = ((CityRisk.Geo.PointGeometry)document.Home).Coordinates;
        return new ResourceChanged(new PooledResource
        {
            Owner = document.Owner,
            Id = document.Id,
            Revision = document.Revision,
            Type = document.Type,
            Unit = document.Unit,
            Quantity = document.Quantity,
            Status = document.Status.ToString(),
            Longitude = home.Longitude,
            Latitude = home.Latitude,
            Jurisdiction = document.Jurisdiction,
            Capabilities = [.. document.Capabilities.Select(c => (c.Name, c.Value, c.Unit))],
            Public = envelope.Scope == Scope.Public,
            Viewers = Visibility.ViewersOf(envelope),
        })
        { At = now };
    }
}
