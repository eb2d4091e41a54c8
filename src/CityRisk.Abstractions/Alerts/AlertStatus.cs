namespace CityRisk.Alerts;

/// <summary>The handling code of an alert (CAP <c>status</c>).</summary>
public enum AlertStatus
{
    /// <summary>Actionable by all targeted recipients.</summary>
    Actual,

    /// <summary>Actionable only by designated exercise participants; the exercise identifier should appear in <c>note</c>.</summary>
    Exercise,

    /// <summary>For messages that support alert network internal functions.</summary>
    System,

    /// <summary>Technical testing only; all recipients disregard.</summary>
    Test,

    /// <summary>A preliminary template or draft, not actionable in its current form (CAP 1.1 and later).</summary>
    Draft,
}
