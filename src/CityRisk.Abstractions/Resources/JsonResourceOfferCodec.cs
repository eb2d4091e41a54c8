using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>The resource offer as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-offer; v=1</c>; schemas/v1/resource-offer.schema.json).</summary>
public sealed class JsonResourceOfferCodec : DocumentCodec<ResourceOffer>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceOfferCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceOffer, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.ResourceOffer))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<ResourceOffer> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<ResourceOffer>(document, DocumentKinds.ResourceOffer, _readers.For(validate), ResourceValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(ResourceOffer document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ResourceValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
