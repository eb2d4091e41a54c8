namespace CityRisk.Alerts;

/// <summary>
/// A query of the alerts a hub holds. By default it shows the current state of each alert thread: alerts that have
/// expired, or that a later Update or Cancel from the same sender superseded, are left out unless asked for.
/// </summary>
public sealed record AlertQuery
{
    /// <summary>Which alerts; null for every alert the caller may see.</summary>
    public AlertFilter? Filter { get; init; }

    /// <summary>Include alerts whose every info block has expired.</summary>
    public bool IncludeExpired { get; init; }

    /// <summary>Include alerts superseded by a later Update or Cancel (the thread's history).</summary>
    public bool IncludeSuperseded { get; init; }
}
