namespace CityRisk.Client;

/// <summary>How far a named subscription got: the last cursor the application processed, on which hub.</summary>
/// <param name="Cursor">The last cursor processed.</param>
/// <param name="Hub">The hub's endpoint (cursors belong to the hub that gave them).</param>
/// <param name="UpdatedAt">When the checkpoint was written.</param>
public sealed record SubscriptionCheckpoint(long Cursor, Uri Hub, DateTimeOffset UpdatedAt);
