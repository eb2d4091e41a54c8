namespace CityRisk.Storage;

/// <summary>Whether a store can serve, and a description for operators (what is wrong when it cannot).</summary>
/// <param name="Healthy">Whether the store can serve.</param>
/// <param name="Description">Where the store is, or what is wrong with it.</param>
public readonly record struct StoreHealth(bool Healthy, string Description);
