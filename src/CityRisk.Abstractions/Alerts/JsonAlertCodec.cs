using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>Alerts as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=alert; v=1</c>).</summary>
public sealed class JsonAlertCodec : DocumentCodec<Alert>
{
    private readonly CityRiskJsonReaderOptions _reader;
    private readonly CityRiskJsonReaderOptions _readerWithoutValidation;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonAlertCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Alert, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Alert))
    {
        _reader = new CityRiskJsonReaderOptions { MaxDocumentBytes = reader?.MaxDocumentBytes ?? CityRiskJsonReaderOptions.Default.MaxDocumentBytes };
        _reader.ThrowIfInvalid();
        _readerWithoutValidation = new CityRiskJsonReaderOptions { MaxDocumentBytes = _reader.MaxDocumentBytes, Validate = false };
    }

    /// <inheritdoc/>
    public override FormatResult<Alert> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        CityRiskJson.ReadAlert(document, validate ? _reader : _readerWithoutValidation);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Alert document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? AlertValidator.Validate(document) : [];
        return problems.HasErrors() ? new FormatResult<byte[]>(null, problems) : new FormatResult<byte[]>(CityRiskJson.Write(document), problems);
    }
}
