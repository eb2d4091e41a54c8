using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Geo;
using CityRisk.Storage;

namespace CityRisk.Server.Resources;

/// <summary>Status reports: the provider reports a commitment's deployment, one status after the other.</summary>
internal sealed class ResourceStatusReportEntityKind : PoolEntityKind<ResourceStatusReport>
{
    public override string Kind => DocumentKinds.ResourceStatusReport;

    public override IEnumerable<(string Kind, string Owner, string Id)> References(Exchange.EntityRevision revision)
    {
        var report = (ResourceStatusReport)revision.Document;
        return [(DocumentKinds.ResourceCommitment, report.Commitment.Owner, report.Commitment.Id)];
    }

    protected override (string Owner, string Id, long Revision, string? State) KeyOf(ResourceStatusReport document) => (document.Owner, document.Id, document.Revision, null);

    protected override Envelope Derive(ResourceStatusReport document) => ResourceEnvelope.Derive(document);

    protected override NetTopologySuite.Geometries.Geometry? GeometryOf(ResourceStatusReport document) => GeometryBuilder.FromGeometry(document.Location);

    protected override PoolStep StepOf(ResourceStatusReport document, Envelope envelope, DateTimeOffset now) =>
        new DeploymentReported(document.Owner, document.Commitment.Owner, document.Commitment.Id, (int)document.Status) { At = now };
}
