namespace CityRisk.Storage;

/// <summary>
/// The conditions of a query a store can answer from its indexes: a cursor range, kinds, senders, entities, and "current
/// only" (not expired, not superseded). Empty lists mean any.
/// </summary>
public sealed record StoreQuery
{
    /// <summary>Only messages after this cursor; 0 for the start of the log.</summary>
    public long AfterCursor { get; init; }

    /// <summary>The most messages to return; positive.</summary>
    public required int Limit { get; init; }

    /// <summary>Only these kinds; empty for any.</summary>
    public IReadOnlyCollection<string> Kinds { get; init; } = [];

    /// <summary>Only these senders; empty for any.</summary>
    public IReadOnlyCollection<string> Senders { get; init; } = [];

    /// <summary>When set, leaves out messages whose <see cref="StoredMessage.ExpiresAt"/> is at or before this instant.</summary>
    public DateTimeOffset? NotExpiredAt { get; init; }

    /// <summary>Whether to leave out messages that were superseded.</summary>
    public bool ExcludeSuperseded { get; init; }

    /// <summary>Only the revisions of these entities (kind, owner, id); empty for any message.</summary>
    public IReadOnlyCollection<(string Kind, string Owner, string Id)> Entities { get; init; } = [];

    /// <summary>Whether a message meets the conditions (after the cursor, kind, sender, current).</summary>
    /// <param name="message">The message.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(StoredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Cursor > AfterCursor
            && (Kinds.Count == 0 || Kinds.Contains(message.Kind))
            && (Senders.Count == 0 || Senders.Contains(message.Sender))
            && (NotExpiredAt is not { } now || message.ExpiresAt is not { } expires || expires > now)
            && (!ExcludeSuperseded || message.SupersededBy is null)
            && (Entities.Count == 0 || (message.EntityId is { } id && Entities.Contains((message.Kind, message.Owner, id))));
    }
}
