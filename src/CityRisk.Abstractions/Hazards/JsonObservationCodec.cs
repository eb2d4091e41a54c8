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
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonObservationCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Observation, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Observation))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<Observation> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<Observation>(document, DocumentKinds.Observation, _readers.For(validate), o => ObservationValidator.Validate(o));

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Observation document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ObservationValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
