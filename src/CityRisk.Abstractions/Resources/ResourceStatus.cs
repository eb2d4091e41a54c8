namespace CityRisk.Resources;

/// <summary>
/// What the owner says of a resource (docs/resources.md, "Availability"). Only an Available resource can be offered;
/// what is already offered or committed stays so whatever the status becomes.
/// </summary>
public enum ResourceStatus
{
    /// <summary>Ready; the quantity not offered or committed can be offered.</summary>
    Available = 1,

    /// <summary>Deployed on the owner's own missions, outside the exchange: nothing more can be offered.</summary>
    Deployed = 2,

    /// <summary>Out of service (maintenance, damage): nothing more can be offered.</summary>
    OutOfService = 3,
}
