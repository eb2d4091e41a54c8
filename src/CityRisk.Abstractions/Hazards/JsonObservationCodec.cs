using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Hazards;

/// <summary>
/// Observations as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=observation; v=1</c>;
/// schemas/v1/observation.schema.json). Checked alone: the checks against the hazard (indicator, unit) and the clock
/// are the receiver's, with <see cref="ObservationValidator"/>.
/// </summary>
public sealed class JsonObservationCodec : DocumentCodec<Observation>
{
    private readonly CityRiskJsonReaderOptions _reader;
    private readonly CityRiskJsonReaderOptions _readerWithoutValidation;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonObservationCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Observation, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Observation))
    {
        _reader = new CityRiskJsonReaderOptions { MaxDocumentBytes = reader?.MaxDocumentBytes ?? CityRiskJsonReaderOptions.Default.MaxDocumentBytes };
        _reader.ThrowIfInvalid();
        _readerWithoutValidation = new CityRiskJsonReaderOptions { MaxDocumentBytes = _reader.MaxDocumentBytes, Validate = false };
    }

    /// <inheritdoc/>
    public override FormatResult<Observation> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<Observation>(document, DocumentKinds.Observation, validate ? _reader : _readerWithoutValidation, o => ObservationValidator.Validate(o));

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Observation document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ObservationValidator.Validate(document) : [];
        return problems.HasErrors() ? new FormatResult<byte[]>(null, problems)
            : new FormatResult<byte[]>(JsonSerializer.SerializeToUtf8Bytes(document, (JsonTypeInfo<Observation>)CityRiskJson.WriterOptions.GetTypeInfo(typeof(Observation))), problems);
    }
}
