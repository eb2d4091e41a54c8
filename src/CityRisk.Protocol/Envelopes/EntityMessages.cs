namespace CityRisk.Protocol;

/// <summary>
/// What every entity kind's envelope shares (docs/protocol.md §3.4): the message id of a revision and the entity key.
/// </summary>
public static class EntityMessages
{
    /// <summary>
    /// The message id of an entity's revision: <c>&lt;kind&gt;/&lt;entity id&gt;/&lt;revision&gt;</c>
    /// (<c>hazard/hf-bridge-0042/3</c>). Fixed, so a retried revision is a duplicate, never a second message; entity
    /// ids cannot hold <c>/</c>, so the id is unambiguous.
    /// </summary>
    /// <param name="kind">The entity's kind.</param>
    /// <param name="entityId">The entity's id.</param>
    /// <param name="revision">The revision.</param>
    public static string MessageId(string kind, string entityId, long revision) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}/{entityId}/{revision}");

    /// <summary>
    /// The message id of a revision published by <paramref name="sender"/>: <c>&lt;kind&gt;/&lt;entity id&gt;/&lt;revision&gt;</c>
    /// when the sender is the owner, <c>&lt;kind&gt;/&lt;owner&gt;/&lt;entity id&gt;/&lt;revision&gt;</c> when another partner
    /// takes a step of the owner's entity (an incident's assignee), so one sender's steps on two owners' entities
    /// with the same id never share an id.
    /// </summary>
    /// <param name="kind">The entity's kind.</param>
    /// <param name="owner">The owning partner.</param>
    /// <param name="entityId">The entity's id.</param>
    /// <param name="revision">The revision.</param>
    /// <param name="sender">The partner publishing the revision.</param>
    public static string MessageId(string kind, string owner, string entityId, long revision, string sender) =>
        sender == owner ? MessageId(kind, entityId, revision) : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}/{owner}/{entityId}/{revision}");

    /// <summary>The entity key of an envelope.</summary>
    /// <param name="kind">The entity's kind.</param>
    /// <param name="owner">The owning partner.</param>
    /// <param name="entityId">The entity's id.</param>
    public static V1.EntityKey Key(string kind, string owner, string entityId) => new() { Kind = kind, Owner = owner, Id = entityId };
}
