using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>Alerts as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=alert; v=1</c>).</summary>
public sealed class JsonAlertCodec : DocumentCodec<Alert>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonAlertCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.Alert, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.Alert))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<Alert> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        CityRiskJson.ReadAlert(document, _readers.For(validate));

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Alert document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? AlertValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, static alert => CityRiskJson.Write(alert));
    }
}
