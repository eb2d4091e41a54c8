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
        var mismatches = HazardEnvelope.Mismatches(envelope, hazard).Select(field => (field, field switch
        {
            "id" => $"The id of revision {hazard.Revision} of hazard '{hazard.Id}' is '{derived.Id}' (kind/entity id/revision), not '{envelope.Id}'.",
            "entity" => $"The entity is (hazard, {hazard.Owner}, {hazard.Id}), as the payload says.",
            "revision" => $"The envelope says revision {envelope.Revision}; the payload is revision {hazard.Revision}.",
            "sent" => $"'{envelope.Sent}' is not an RFC 3339 date-time with an offset.",
            "attributes" => $"The attributes are {string.Join(", ", derived.Attributes.Select(a => $"{a.Key}={a.Value}"))}, as the payload says.",
            _ => $"The envelope's {field} is not what the hazard implies; derive it from the payload (HazardEnvelope.Derive in CityRisk.Protocol, docs/hazards.md).",
        })).ToList();
        return new EntityRevision(hazard.Owner, hazard.Id, hazard.Revision, null, mismatches, GeometryBuilder.FromGeometry(hazard.Geometry));
    }
}
