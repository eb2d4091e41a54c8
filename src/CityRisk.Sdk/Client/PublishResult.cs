using CityRisk.Problems;

namespace CityRisk.Client;

/// <summary>What the hub answered to a publish: where the message is in its log, and whether it had it already.</summary>
public sealed class PublishResult
{
    internal PublishResult(string sender, string id, long cursor, bool duplicate, IReadOnlyList<Problem>? warnings = null)
    {
        Warnings = warnings ?? [];
        Sender = sender;
        Id = id;
        Cursor = cursor;
        Duplicate = duplicate;
    }

    /// <summary>The publishing partner's id.</summary>
    public string Sender { get; }

    /// <summary>The message id (for an alert, its CAP identifier).</summary>
    public string Id { get; }

    /// <summary>The message's position in the hub's log; for a duplicate, the original's.</summary>
    public long Cursor { get; }

    /// <summary>
    /// The hub's warnings about the accepted message, such as <c>ENVELOPE-AUDIENCE-UNKNOWN</c> (a restriction role no
    /// registered partner holds, a recipient that is not a registered partner): it was stored but may reach nobody.
    /// </summary>
    public IReadOnlyList<Problem> Warnings { get; }

    /// <summary>
    /// True when the hub already held this (sender, id) with the same content: nothing new was stored. A retry after a
    /// lost reply comes back as a duplicate.
    /// </summary>
    public bool Duplicate { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Sender}/{Id} at cursor {Cursor}{(Duplicate ? " (duplicate)" : string.Empty)}";
}
