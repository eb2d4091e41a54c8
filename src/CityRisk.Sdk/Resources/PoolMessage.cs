namespace CityRisk.Resources;

/// <summary>A pooling document as a hub holds it (a resource, request, offer, commitment, status report or release) and where it is in the log.</summary>
/// <typeparam name="TDocument">The document type.</typeparam>
/// <param name="Cursor">Its position in the hub's log; give it back to resume a subscription after it.</param>
/// <param name="Document">The document, at this revision.</param>
public sealed record PoolMessage<TDocument>(long Cursor, TDocument Document)
    where TDocument : class;
