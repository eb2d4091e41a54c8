using System.Text.Json.Serialization;
using CityRisk.Alerts;
using CityRisk.Enterprises;
using CityRisk.Hazards;
using CityRisk.Incidents;
using CityRisk.Resources;

namespace CityRisk.Json;

/// <summary>The one source-generated serializer context for every CityRisk contract.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(OffsetDateTimeJsonConverter),
        typeof(StrictStringEnumConverter<AlertStatus>),
        typeof(StrictStringEnumConverter<AlertMessageType>),
        typeof(StrictStringEnumConverter<AlertScope>),
        typeof(StrictStringEnumConverter<AlertCategory>),
        typeof(StrictStringEnumConverter<AlertResponseType>),
        typeof(StrictStringEnumConverter<AlertUrgency>),
        typeof(StrictStringEnumConverter<AlertSeverity>),
        typeof(StrictStringEnumConverter<AlertCertainty>),
        typeof(StrictStringEnumConverter<WarningLevel>),
        typeof(StrictStringEnumConverter<RiskDomain>),
        typeof(ExactEnumJsonConverter<DocumentScope>),
        typeof(ExactEnumJsonConverter<RiskGrade>),
        typeof(ExactEnumJsonConverter<ThresholdDirection>),
        typeof(ExactEnumJsonConverter<ObservationQuality>),
        typeof(ExactEnumJsonConverter<IncidentState>),
        typeof(ExactEnumJsonConverter<IncidentGrade>),
        typeof(ExactEnumJsonConverter<ReporterRole>),
        typeof(ExactEnumJsonConverter<ResourceStatus>),
        typeof(ExactEnumJsonConverter<ResourceRequestState>),
        typeof(ExactEnumJsonConverter<ResourceOfferState>),
        typeof(ExactEnumJsonConverter<DeploymentStatus>),
        typeof(ExactEnumJsonConverter<GrantBasis>),
        typeof(ExactEnumJsonConverter<GrantState>),
    ])]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(Hazard))]
[JsonSerializable(typeof(Observation))]
[JsonSerializable(typeof(Incident))]
[JsonSerializable(typeof(Resource))]
[JsonSerializable(typeof(ResourceRequest))]
[JsonSerializable(typeof(ResourceOffer))]
[JsonSerializable(typeof(ResourceCommitment))]
[JsonSerializable(typeof(ResourceStatusReport))]
[JsonSerializable(typeof(ResourceRelease))]
[JsonSerializable(typeof(EnterpriseRiskProfile))]
[JsonSerializable(typeof(EnterpriseGrant))]
[JsonSerializable(typeof(LocalizedText))]
[JsonSerializable(typeof(PartyId))]
[JsonSerializable(typeof(Jurisdiction))]
internal sealed partial class CityRiskJsonContext : JsonSerializerContext;
