using CityRisk.Json;

namespace CityRisk.Resources;

/// <summary>The resource offer as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-offer; v=1</c>; schemas/v1/resource-offer.schema.json).</summary>
public sealed class JsonResourceOfferCodec : JsonContractCodec<ResourceOffer>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceOfferCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceOffer, ResourceValidator.Validate, reader)
    {
    }
}
