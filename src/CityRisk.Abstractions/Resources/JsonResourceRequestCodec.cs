using CityRisk.Json;

namespace CityRisk.Resources;

/// <summary>The resource request as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-request; v=1</c>; schemas/v1/resource-request.schema.json).</summary>
public sealed class JsonResourceRequestCodec : JsonContractCodec<ResourceRequest>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceRequestCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceRequest, ResourceValidator.Validate, reader)
    {
    }
}
