namespace CityRisk.Alerts;

/// <summary>
/// Which alerts a query or subscription selects. Every criterion that is set must match; an empty filter selects
/// every alert the caller may see. The hub applies scope first: a filter never widens what a partner sees.
/// </summary>
public sealed record AlertFilter
{
    /// <summary>Alerts published by any of these partners (partner ids, not CAP senders); empty for any.</summary>
    public IReadOnlyList<string> Senders { get; init; } = [];

    /// <summary>Alerts concerning any of these GB/T 2260 divisions or divisions within them (<c>440600</c> matches <c>440605</c>).</summary>
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>Alerts whose areas intersect this area; null for anywhere.</summary>
    public AlertArea? Area { get; init; }

    /// <summary>Alerts with at least this severity in some info block; null for any.</summary>
    public AlertSeverity? MinSeverity { get; init; }

    /// <summary>Alerts with at least this warning level in some info block; null for any (including none).</summary>
    public WarningLevel? MinLevel { get; init; }
}
