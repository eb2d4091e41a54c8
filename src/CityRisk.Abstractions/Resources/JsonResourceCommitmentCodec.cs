using CityRisk.Json;

namespace CityRisk.Resources;

/// <summary>The resource commitment as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-commitment; v=1</c>; schemas/v1/resource-commitment.schema.json).</summary>
public sealed class JsonResourceCommitmentCodec : JsonContractCodec<ResourceCommitment>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceCommitmentCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceCommitment, ResourceValidator.Validate, reader)
    {
    }
}
