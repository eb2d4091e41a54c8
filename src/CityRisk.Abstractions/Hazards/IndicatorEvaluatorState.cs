namespace CityRisk.Hazards;

/// <summary>
/// Everything an <see cref="IndicatorEvaluator"/> remembers between readings, so a hub or a gateway can store it
/// and resume after a restart exactly where it was.
/// </summary>
public sealed record IndicatorEvaluatorState
{
    /// <summary>The indicator's status: null when normal, else the highest level in force.</summary>
    public WarningLevel? Status { get; init; }

    /// <summary>The observed-at of the newest reading judged in order; null before the first.</summary>
    public DateTimeOffset? Newest { get; init; }

    /// <summary>Since when the in-order readings have been clear of the Blue level's release value, or null.</summary>
    public DateTimeOffset? BlueClearSince { get; init; }

    /// <summary>Since when the in-order readings have been clear of the Yellow level's release value, or null.</summary>
    public DateTimeOffset? YellowClearSince { get; init; }

    /// <summary>Since when the in-order readings have been clear of the Orange level's release value, or null.</summary>
    public DateTimeOffset? OrangeClearSince { get; init; }

    /// <summary>Since when the in-order readings have been clear of the Red level's release value, or null.</summary>
    public DateTimeOffset? RedClearSince { get; init; }
}
