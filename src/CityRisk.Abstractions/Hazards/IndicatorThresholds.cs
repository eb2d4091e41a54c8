namespace CityRisk.Hazards;

/// <summary>
/// An indicator's thresholds for any subset of the four warning levels. For an indicator dangerous
/// <see cref="ThresholdDirection.Above"/>, a more serious level has a higher (or equal) threshold; for
/// <see cref="ThresholdDirection.Below"/>, a lower (or equal) one.
/// </summary>
public sealed record IndicatorThresholds
{
    /// <summary>The Blue (IV) threshold, or null when the indicator has no Blue level.</summary>
    public double? Blue { get; init; }

    /// <summary>The Yellow (III) threshold, or null.</summary>
    public double? Yellow { get; init; }

    /// <summary>The Orange (II) threshold, or null.</summary>
    public double? Orange { get; init; }

    /// <summary>The Red (I) threshold, or null.</summary>
    public double? Red { get; init; }

    /// <summary>The threshold of a level, or null when it has none.</summary>
    /// <param name="level">The level.</param>
    public double? Of(WarningLevel level) => level switch
    {
        WarningLevel.Blue => Blue,
        WarningLevel.Yellow => Yellow,
        WarningLevel.Orange => Orange,
        WarningLevel.Red => Red,
        _ => null,
    };
}
