namespace CityRisk.Storage;

/// <summary>A request as the ledger has it, and what open, unexpired offers hold for each of its items.</summary>
/// <param name="Request">The request.</param>
/// <param name="Offered">Per item, in order: held by open, unexpired offers answering it, not yet committed.</param>
public sealed record RequestFillRecord(PooledRequest Request, IReadOnlyList<int> Offered);
