using CityRisk.Json;

namespace CityRisk.Resources;

/// <summary>The resource status report as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=resource-status-report; v=1</c>; schemas/v1/resource-status-report.schema.json).</summary>
public sealed class JsonResourceStatusReportCodec : JsonContractCodec<ResourceStatusReport>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonResourceStatusReportCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.ResourceStatusReport, ResourceValidator.Validate, reader)
    {
    }
}
