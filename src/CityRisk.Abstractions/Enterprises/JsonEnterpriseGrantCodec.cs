using CityRisk.Json;

namespace CityRisk.Enterprises;

/// <summary>Enterprise grants as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=enterprise-grant; v=1</c>; schemas/v1/enterprise-grant.schema.json).</summary>
public sealed class JsonEnterpriseGrantCodec : JsonContractCodec<EnterpriseGrant>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonEnterpriseGrantCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.EnterpriseGrant, EnterpriseGrantValidator.Validate, reader)
    {
    }
}
