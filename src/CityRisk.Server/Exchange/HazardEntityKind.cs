using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Geo;

namespace CityRisk.Server.Exchange;

/// <summary>Hazards (docs/hazards.md): revisions without a life cycle; the envelope derived by <see cref="HazardEnvelope"/>.</summary>
internal sealed class HazardEntityKind : EntityKind
{
    public override string Kind => DocumentKinds.Hazard;

    public override EntityRevision Read(Func<Envelope, object> read, Envelope envelope)
    {
        var hazard = (Hazard)read(envelope);
        var derived = HazardEnvelope.Derive(hazard);
        var mismatches = EntityMismatches.Describe(HazardEnvelope.Mismatches(envelope, hazard), envelope, derived, DocumentKinds.Hazard, hazard.Id, hazard.Revision, "HazardEnvelope.Derive in CityRisk.Protocol, docs/hazards.md");
        return new EntityRevision(hazard.Owner, hazard.Id, hazard.Revision, null, mismatches, GeometryBuilder.FromGeometry(hazard.Geometry), hazard);
    }
}
