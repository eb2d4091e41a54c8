namespace CityRisk.Resources;

/// <summary>A request's fill as the hub reports it (docs/resources.md, "Requests").</summary>
/// <param name="Owner">The requester.</param>
/// <param name="Id">The request's id.</param>
/// <param name="Revision">Its latest revision.</param>
/// <param name="State">Its state as its commitments make it (<see cref="ResourcePooling.EffectiveState"/>).</param>
/// <param name="Items">Each item's quantities, in order.</param>
public sealed record ResourceRequestStatusReport(string Owner, string Id, long Revision, ResourceRequestState State, IReadOnlyList<RequestItemFillReport> Items);

/// <summary>One request item's quantities.</summary>
/// <param name="Wanted">How many it asks for.</param>
/// <param name="Committed">Committed to it (released or not).</param>
/// <param name="Released">Of those, released.</param>
/// <param name="Offered">Held for it by open, unexpired offers and not yet committed.</param>
public sealed record RequestItemFillReport(int Wanted, int Committed, int Released, int Offered);
