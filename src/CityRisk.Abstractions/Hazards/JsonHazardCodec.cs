using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Hazards;

/// <summary>Hazards as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=hazard; v=1</c>; schemas/v1/hazard.schema.json).</summary>
public sealed class JsonHazardCodec : DocumentCodec<Hazard>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonHazardCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Hazard, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Hazard))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<Hazard> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<Hazard>(document, DocumentKinds.Hazard, _readers.For(validate), HazardValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Hazard document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? HazardValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
