using CityRisk.Json;

namespace CityRisk.Resources;

/// <summary>The resource as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource; v=1</c>; schemas/v1/resource.schema.json).</summary>
public sealed class JsonResourceCodec : JsonContractCodec<Resource>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Resource, ResourceValidator.Validate, reader)
    {
    }
}
