namespace CityRisk.Storage;

/// <summary>
/// One message in the hub's append-only log, as the store keeps it: the keys it indexes and the serialized
/// envelope. The store does not parse envelopes, so it stays the same for every kind.
/// </summary>
public sealed record StoredMessage
{
    /// <summary>The position in the log: assigned on append, monotonically increasing, never reused.</summary>
    public long Cursor { get; init; }

    /// <summary>The publishing partner's id.</summary>
    public required string Sender { get; init; }

    /// <summary>The message id, unique for the sender.</summary>
    public required string Id { get; init; }

    /// <summary>The document kind (<c>alert</c>, <c>incident</c> ...).</summary>
    public required string Kind { get; init; }

    /// <summary>For entity messages, the entity's id; null for alerts.</summary>
    public string? EntityId { get; init; }

    /// <summary>
    /// For entity messages published by a partner other than the entity's owner (an incident's assignee taking a
    /// step), the owner; null when the sender is the owner. The entity key is (kind, <see cref="Owner"/>, id).
    /// </summary>
    public string? EntityOwner { get; init; }

    /// <summary>The entity's owner: <see cref="EntityOwner"/> when set, otherwise the sender.</summary>
    public string Owner => EntityOwner ?? Sender;

    /// <summary>For entity messages, the revision this message makes (1, 2, 3 ...); 0 otherwise.</summary>
    public long Revision { get; init; }

    /// <summary>The hash of the content (content type and payload) that tells a duplicate from a conflicting re-use of an id.</summary>
    public required byte[] ContentHash { get; init; }

    /// <summary>The serialized wire envelope.</summary>
    public required byte[] Envelope { get; init; }

    /// <summary>When the hub stored it.</summary>
    public DateTimeOffset StoredAt { get; init; }

    /// <summary>When the message stops being current (an alert's latest expiry); null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The cursor of the later message (an Update or Cancel from the same sender) that superseded this one; null while it is current.</summary>
    public long? SupersededBy { get; init; }

    /// <summary>What the message's areas cover, as WKB (longitude/latitude, WGS 84), for area filters; null when it has none.</summary>
    public byte[]? Geometry { get; init; }
}
