using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>The resource request as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-request; v=1</c>; schemas/v1/resource-request.schema.json).</summary>
public sealed class JsonResourceRequestCodec : DocumentCodec<ResourceRequest>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceRequestCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceRequest, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.ResourceRequest))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<ResourceRequest> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<ResourceRequest>(document, DocumentKinds.ResourceRequest, _readers.For(validate), ResourceValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(ResourceRequest document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ResourceValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
