namespace CityRisk.Resources;

/// <summary>What the pool query found.</summary>
/// <param name="Entries">The resources, nearest first with a position, else by owner and id.</param>
/// <param name="Truncated">More matched than the limit: narrow the query.</param>
/// <param name="AsOf">The hub's clock when availability was computed (offers expire by it).</param>
public sealed record ResourcePoolReport(IReadOnlyList<PoolAvailability> Entries, bool Truncated, DateTimeOffset AsOf);
