using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Incidents;

/// <summary>Incidents as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=incident; v=1</c>; schemas/v1/incident.schema.json).</summary>
public sealed class JsonIncidentCodec : DocumentCodec<Incident>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonIncidentCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Incident, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Incident))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<Incident> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<Incident>(document, DocumentKinds.Incident, _readers.For(validate), IncidentValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Incident document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? IncidentValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
