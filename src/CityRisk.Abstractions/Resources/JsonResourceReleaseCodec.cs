using CityRisk.Json;

namespace CityRisk.Resources;

/// <summary>The resource release as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-release; v=1</c>; schemas/v1/resource-release.schema.json).</summary>
public sealed class JsonResourceReleaseCodec : JsonContractCodec<ResourceRelease>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceReleaseCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceRelease, ResourceValidator.Validate, reader)
    {
    }
}
