using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>The resource release as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-release; v=1</c>; schemas/v1/resource-release.schema.json).</summary>
public sealed class JsonResourceReleaseCodec : DocumentCodec<ResourceRelease>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceReleaseCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceRelease, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.ResourceRelease))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<ResourceRelease> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<ResourceRelease>(document, DocumentKinds.ResourceRelease, _readers.For(validate), ResourceValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(ResourceRelease document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ResourceValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
