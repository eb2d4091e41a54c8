using CityRisk.Json;

namespace CityRisk.Incidents;

/// <summary>Incidents as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=incident; v=1</c>; schemas/v1/incident.schema.json).</summary>
public sealed class JsonIncidentCodec : JsonContractCodec<Incident>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonIncidentCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Incident, IncidentValidator.Validate, reader)
    {
    }
}
