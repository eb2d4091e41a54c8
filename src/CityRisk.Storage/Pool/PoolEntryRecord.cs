namespace CityRisk.Storage;

/// <summary>One resource a pool query found.</summary>
/// <param name="Resource">The resource as the ledger has it.</param>
/// <param name="Offered">What its open, unexpired offers hold.</param>
/// <param name="Available">What can be offered now (<see cref="PoolLedger.Available"/>).</param>
/// <param name="DistanceKm">From the query's centre, in kilometres; 0 without one.</param>
public sealed record PoolEntryRecord(PooledResource Resource, int Offered, int Available, double DistanceKm);
