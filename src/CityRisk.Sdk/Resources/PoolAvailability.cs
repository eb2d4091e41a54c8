using CityRisk.Geo;

namespace CityRisk.Resources;

/// <summary>One resource the pool query found, with what of it is available now (docs/resources.md, "The arithmetic").</summary>
/// <param name="Owner">The owning partner.</param>
/// <param name="Id">The resource's id.</param>
/// <param name="Revision">Its latest revision.</param>
/// <param name="Type">Its type.</param>
/// <param name="Unit">What one of its quantity is.</param>
/// <param name="Quantity">How many the owner has.</param>
/// <param name="Available">What can be offered now: the quantity less what is offered and committed, 0 unless Available.</param>
/// <param name="Offered">Held by open, unexpired offers and not yet committed.</param>
/// <param name="Committed">Committed and not released.</param>
/// <param name="Status">Its status.</param>
/// <param name="Jurisdiction">Its GB/T 2260 division.</param>
/// <param name="Home">Where it is based.</param>
/// <param name="DistanceKm">From the query's position, kilometres; 0 without one.</param>
/// <param name="Capabilities">What one unit can do.</param>
public sealed record PoolAvailability(string Owner, string Id, long Revision, string Type, string Unit, int Quantity, int Available, int Offered, int Committed,
    ResourceStatus Status, string Jurisdiction, GeoPoint Home, double DistanceKm, IReadOnlyList<ResourceCapability> Capabilities);
