using CityRisk.Json;

namespace CityRisk.Hazards;

/// <summary>Hazards as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=hazard; v=1</c>; schemas/v1/hazard.schema.json).</summary>
public sealed class JsonHazardCodec : JsonContractCodec<Hazard>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonHazardCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Hazard, HazardValidator.Validate, reader)
    {
    }
}
