using System.Globalization;

namespace CityRisk.Client;

/// <summary>Where a new subscription starts (a stored checkpoint, when there is one, takes precedence).</summary>
public sealed class SubscriptionStart
{
    private SubscriptionStart(long? afterCursor, bool fromBeginning)
    {
        AfterCursor = afterCursor;
        IsFromBeginning = fromBeginning;
    }

    /// <summary>Only messages published after the subscription opens.</summary>
    public static SubscriptionStart FromNow { get; } = new(null, false);

    /// <summary>Everything the hub still holds, from its first cursor.</summary>
    public static SubscriptionStart FromBeginning { get; } = new(null, true);

    /// <summary>After a cursor the application already processed.</summary>
    public long? AfterCursor { get; }

    /// <summary>Whether the subscription replays everything the hub holds.</summary>
    public bool IsFromBeginning { get; }

    /// <summary>Messages after <paramref name="cursor"/>.</summary>
    /// <param name="cursor">The last cursor processed (0 is the same as <see cref="FromBeginning"/>).</param>
    public static SubscriptionStart After(long cursor) =>
        cursor >= 0 ? new SubscriptionStart(cursor, false) : throw new ArgumentOutOfRangeException(nameof(cursor), cursor, "A cursor is never negative.");

    /// <inheritdoc/>
    public override string ToString() => AfterCursor is { } cursor ? $"after cursor {cursor.ToString(CultureInfo.InvariantCulture)}" : IsFromBeginning ? "from the beginning" : "from now";
}
