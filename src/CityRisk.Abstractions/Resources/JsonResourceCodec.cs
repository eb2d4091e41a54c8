using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>The resource as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource; v=1</c>; schemas/v1/resource.schema.json).</summary>
public sealed class JsonResourceCodec : DocumentCodec<Resource>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Resource, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Resource))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<Resource> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<Resource>(document, DocumentKinds.Resource, _readers.For(validate), ResourceValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Resource document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ResourceValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
