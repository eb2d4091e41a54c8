namespace CityRisk;

/// <summary>The <c>kind</c> values of CityRisk JSON documents (docs/protocol.md §9.2.1).</summary>
public static class DocumentKinds
{
    /// <summary>A CAP 1.2 compatible alert.</summary>
    public const string Alert = "alert";

    /// <summary>A monitored risk source.</summary>
    public const string Hazard = "hazard";

    /// <summary>A reading of a hazard's indicator.</summary>
    public const string Observation = "observation";

    /// <summary>An emergency event.</summary>
    public const string Incident = "incident";

    /// <summary>A rescue team, vehicle, supply or other resource.</summary>
    public const string Resource = "resource";

    /// <summary>A request for resources.</summary>
    public const string ResourceRequest = "resource-request";

    /// <summary>An offer of resources.</summary>
    public const string ResourceOffer = "resource-offer";

    /// <summary>A commitment of resources.</summary>
    public const string ResourceCommitment = "resource-commitment";

    /// <summary>A release of committed resources.</summary>
    public const string ResourceRelease = "resource-release";

    /// <summary>A deployment status report.</summary>
    public const string ResourceStatusReport = "resource-status-report";

    /// <summary>An enterprise risk profile for insurers.</summary>
    public const string EnterpriseProfile = "enterprise-profile";

    /// <summary>A regulator's grant of an insurer's access to enterprise profiles (an enterprise's consent or an agreement).</summary>
    public const string EnterpriseGrant = "enterprise-grant";

    /// <summary>The version of the CityRisk JSON documents this library reads and writes.</summary>
    public const int Version = 1;

    /// <summary>Every kind the standard defines, including those whose contracts come later.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Alert, Hazard, Observation, Incident, Resource, ResourceRequest, ResourceOffer,
        ResourceCommitment, ResourceRelease, ResourceStatusReport, EnterpriseProfile, EnterpriseGrant,
    ];
}
