using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>The resource commitment as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-commitment; v=1</c>; schemas/v1/resource-commitment.schema.json).</summary>
public sealed class JsonResourceCommitmentCodec : DocumentCodec<ResourceCommitment>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceCommitmentCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceCommitment, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.ResourceCommitment))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<ResourceCommitment> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<ResourceCommitment>(document, DocumentKinds.ResourceCommitment, _readers.For(validate), ResourceValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(ResourceCommitment document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ResourceValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
