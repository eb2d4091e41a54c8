using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Hazards;

/// <summary>Hazards as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=hazard; v=1</c>; schemas/v1/hazard.schema.json).</summary>
public sealed class JsonHazardCodec : DocumentCodec<Hazard>
{
    private readonly CityRiskJsonReaderOptions _reader;
    private readonly CityRiskJsonReaderOptions _readerWithoutValidation;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonHazardCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Hazard, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Hazard))
    {
        _reader = new CityRiskJsonReaderOptions { MaxDocumentBytes = reader?.MaxDocumentBytes ?? CityRiskJsonReaderOptions.Default.MaxDocumentBytes };
        _reader.ThrowIfInvalid();
        _readerWithoutValidation = new CityRiskJsonReaderOptions { MaxDocumentBytes = _reader.MaxDocumentBytes, Validate = false };
    }

    /// <inheritdoc/>
    public override FormatResult<Hazard> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<Hazard>(document, DocumentKinds.Hazard, validate ? _reader : _readerWithoutValidation, HazardValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Hazard document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? HazardValidator.Validate(document) : [];
        return problems.HasErrors() ? new FormatResult<byte[]>(null, problems)
            : new FormatResult<byte[]>(JsonSerializer.SerializeToUtf8Bytes(document, (JsonTypeInfo<Hazard>)CityRiskJson.WriterOptions.GetTypeInfo(typeof(Hazard))), problems);
    }
}
