using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>The resource status report as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-status-report; v=1</c>; schemas/v1/resource-status-report.schema.json).</summary>
public sealed class JsonResourceStatusReportCodec : DocumentCodec<ResourceStatusReport>
{
    private readonly JsonCodecReaders _readers;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceStatusReportCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceStatusReport, DocumentFormat.CityRiskJson, CityRiskJson.ContentType(DocumentKinds.ResourceStatusReport))
    {
        _readers = new JsonCodecReaders(reader);
    }

    /// <inheritdoc/>
    public override FormatResult<ResourceStatusReport> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        ContractJsonReader.Read<ResourceStatusReport>(document, DocumentKinds.ResourceStatusReport, _readers.For(validate), ResourceValidator.Validate);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(ResourceStatusReport document, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = validate ? ResourceValidator.Validate(document) : [];
        return CityRiskJson.WriteUnlessInvalid(document, problems, CityRiskJson.WriteContract);
    }
}
