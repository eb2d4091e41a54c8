namespace CityRisk.Resources;

/// <summary>
/// How a committed resource moves (docs/resources.md, "Deployment"): each status report names the next of these, in
/// this order, none skipped. A commitment starts before the first (committed, not yet moving).
/// </summary>
public enum DeploymentStatus
{
    /// <summary>On its way to the deliver-to location.</summary>
    EnRoute = 1,

    /// <summary>Arrived and working.</summary>
    OnScene = 2,

    /// <summary>Stood down, leaving the scene.</summary>
    Demobilized = 3,

    /// <summary>Back home (final).</summary>
    Returned = 4,
}
