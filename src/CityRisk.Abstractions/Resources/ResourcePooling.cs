namespace CityRisk.Resources;

/// <summary>
/// The pooling rules every implementation shares (docs/resources.md): which request and offer states may follow
/// which, the order of deployment reports, a request's state as its commitments make it, and whether a resource serves
/// a request item. The quantities the hub guarantees are in docs/resources.md, "The arithmetic".
/// </summary>
public static class ResourcePooling
{
    private static readonly ResourceRequestState[] AfterOpenRequest = [ResourceRequestState.Open, ResourceRequestState.Cancelled, ResourceRequestState.Closed];
    private static readonly ResourceOfferState[] AfterOpenOffer = [ResourceOfferState.Withdrawn];

    /// <summary>The states a request's next revision may publish after <paramref name="previous"/>: from Open, Open (a change), Cancelled or Closed; none after those.</summary>
    /// <param name="previous">The state of revision n.</param>
    public static IReadOnlyList<ResourceRequestState> AllowedAfter(ResourceRequestState previous) =>
        previous is ResourceRequestState.Cancelled or ResourceRequestState.Closed ? [] : AfterOpenRequest;

    /// <summary>The states an offer's next revision may have after <paramref name="previous"/>: Withdrawn after Open; none after Withdrawn.</summary>
    /// <param name="previous">The state of revision n.</param>
    public static IReadOnlyList<ResourceOfferState> AllowedAfter(ResourceOfferState previous) =>
        previous == ResourceOfferState.Open ? AfterOpenOffer : [];

    /// <summary>The status the next report on a commitment must name: EnRoute first, then each in order; null after Returned.</summary>
    /// <param name="current">The last status reported, or null when none yet.</param>
    public static DeploymentStatus? NextStatus(DeploymentStatus? current) => current switch
    {
        null => DeploymentStatus.EnRoute,
        DeploymentStatus.Returned => null,
        { } status => status + 1,
    };

    /// <summary>
    /// A request's state as the hub reports it: Cancelled or Closed as published; otherwise Filled when every item has
    /// its quantity committed, PartiallyFilled when some is committed, Open when nothing is. Released quantities still
    /// count as committed: they filled the request.
    /// </summary>
    /// <param name="published">The state of its latest revision.</param>
    /// <param name="items">Each item's wanted and committed quantity, in order.</param>
    public static ResourceRequestState EffectiveState(ResourceRequestState published, IReadOnlyList<(int Wanted, int Committed)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (published is ResourceRequestState.Cancelled or ResourceRequestState.Closed)
        {
            return published;
        }

        if (items.Count > 0 && items.All(i => i.Committed >= i.Wanted))
        {
            return ResourceRequestState.Filled;
        }

        return items.Any(i => i.Committed > 0) ? ResourceRequestState.PartiallyFilled : ResourceRequestState.Open;
    }

    /// <summary>Whether a resource serves a request item: the same type, and every capability it needs stated in the same unit at or above the least value.</summary>
    /// <param name="item">The request item.</param>
    /// <param name="resource">The resource.</param>
    public static bool Serves(ResourceRequestItem item, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(resource);
        return item.Type == resource.Type && Meets(item.Capabilities, resource.Capabilities);
    }

    /// <summary>Whether capabilities meet requirements: each required name stated in the same unit at or above its least value.</summary>
    /// <param name="required">The requirements.</param>
    /// <param name="capabilities">The capabilities stated.</param>
    public static bool Meets(IReadOnlyList<CapabilityRequirement> required, IReadOnlyList<ResourceCapability> capabilities)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(capabilities);
        return required.All(r => capabilities.Any(c => c.Name == r.Name && c.Unit == r.Unit && c.Value >= r.AtLeast));
    }
}
