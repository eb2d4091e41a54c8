using CityRisk.Json;

namespace CityRisk.Enterprises;

/// <summary>
/// Enterprise risk profiles as CityRisk JSON (<c>application/vnd.cityrisk+json; kind=enterprise-profile; v=1</c>;
/// schemas/v1/enterprise-profile.schema.json). Read by hand rather than through the serializer: an insurer's page holds
/// 500 of them.
/// </summary>
public sealed class JsonEnterpriseProfileCodec : JsonContractCodec<EnterpriseRiskProfile>
{
    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public JsonEnterpriseProfileCodec(CityRiskJsonReaderOptions? reader = null)
        : base(DocumentKinds.EnterpriseProfile, EnterpriseValidator.Validate, reader, StrictJsonReader.ReadEnterpriseProfile)
    {
    }
}
