namespace CityRisk.Hazards;

/// <summary>
/// Grades an indicator's readings into its status, deterministically, as docs/hazards.md ("Evaluation") specifies,
/// so a partner's gateway and the hub reach the same status from the same readings in the same order:
/// <list type="number">
/// <item>A reading that crosses a level's threshold (at or beyond it, in the dangerous direction) above the current
/// status raises the status to the highest level it crosses, at once, even if it arrives late.</item>
/// <item>A level is <em>clear</em> while the readings stay past its threshold minus the hysteresis band (towards
/// safety). Each in-order reading extends or breaks the clear run of every level; a late reading (observed at or
/// before the newest one judged) can break runs but never extend them.</item>
/// <item>The status falls once its level has been clear for the minimum duration (from the first reading of the run
/// to the current one, by observed-at), to the highest lower level that has not: possibly Normal.</item>
/// </list>
/// Not thread-safe: one evaluator per indicator, fed one reading at a time.
/// </summary>
public sealed class IndicatorEvaluator
{
    private static readonly WarningLevel[] Levels = [WarningLevel.Blue, WarningLevel.Yellow, WarningLevel.Orange, WarningLevel.Red];

    private readonly Indicator _indicator;
    private readonly DateTimeOffset?[] _clearSince = new DateTimeOffset?[5];

    /// <summary>Starts evaluating an indicator, from normal or from a stored state.</summary>
    /// <param name="indicator">The indicator and its rules.</param>
    /// <param name="state">Where to resume; null to start from normal with no reading.</param>
    /// <exception cref="ArgumentException">The indicator's rules cannot be evaluated (no threshold, thresholds out of order, a negative or non-finite hysteresis, a negative duration).</exception>
    public IndicatorEvaluator(Indicator indicator, IndicatorEvaluatorState? state = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        if (RuleProblem(indicator) is { } problem)
        {
            throw new ArgumentException($"Indicator '{indicator.Id}': {problem}", nameof(indicator));
        }

        _indicator = indicator;
        if (state is not null)
        {
            Status = state.Status;
            Newest = state.Newest;
            _clearSince[(int)WarningLevel.Blue] = state.BlueClearSince;
            _clearSince[(int)WarningLevel.Yellow] = state.YellowClearSince;
            _clearSince[(int)WarningLevel.Orange] = state.OrangeClearSince;
            _clearSince[(int)WarningLevel.Red] = state.RedClearSince;
        }
    }

    /// <summary>The indicator's status: null when normal.</summary>
    public WarningLevel? Status { get; private set; }

    /// <summary>The observed-at of the newest reading judged in order.</summary>
    public DateTimeOffset? Newest { get; private set; }

    /// <summary>What to store to resume later.</summary>
    public IndicatorEvaluatorState State => new()
    {
        Status = Status,
        Newest = Newest,
        BlueClearSince = _clearSince[(int)WarningLevel.Blue],
        YellowClearSince = _clearSince[(int)WarningLevel.Yellow],
        OrangeClearSince = _clearSince[(int)WarningLevel.Orange],
        RedClearSince = _clearSince[(int)WarningLevel.Red],
    };

    /// <summary>Why an indicator's rules cannot be evaluated, or null when they can.</summary>
    /// <param name="indicator">The indicator.</param>
    public static string? RuleProblem(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        double? previous = null;
        var any = false;
        foreach (var level in Levels)
        {
            if (indicator.Thresholds?.Of(level) is not { } threshold)
            {
                continue;
            }

            if (!double.IsFinite(threshold))
            {
                return $"the {level} threshold is not a finite number.";
            }

            if (previous is { } lower && (indicator.Direction == ThresholdDirection.Above ? threshold < lower : threshold > lower))
            {
                return $"the {level} threshold {threshold} is {(indicator.Direction == ThresholdDirection.Above ? "below" : "above")} a lesser level's {lower}; for an indicator dangerous {indicator.Direction.ToString().ToLowerInvariant()}, more serious levels have {(indicator.Direction == ThresholdDirection.Above ? "higher" : "lower")} thresholds.";
            }

            previous = threshold;
            any = true;
        }

        return !any ? "no level has a threshold."
            : !double.IsFinite(indicator.Hysteresis) || indicator.Hysteresis < 0 ? "the hysteresis band must be a finite number, 0 or more."
            : indicator.MinimumDuration < TimeSpan.Zero ? "the minimum duration cannot be negative."
            : null;
    }

    /// <summary>Judges one reading; returns the change of status it causes, or null.</summary>
    /// <param name="reading">The reading, in the indicator's unit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public IndicatorStatusChange? Apply(IndicatorReading reading)
    {
        if (!double.IsFinite(reading.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(reading), reading.Value, "A reading's value must be a finite number.");
        }

        var late = Newest is { } newest && reading.ObservedAt <= newest;
        foreach (var level in Levels)
        {
            if (_indicator.Thresholds.Of(level) is null)
            {
                continue;
            }

            if (!IsClear(reading.Value, level))
            {
                _clearSince[(int)level] = null;
            }
            else if (!late)
            {
                _clearSince[(int)level] ??= reading.ObservedAt;
            }
        }

        if (!late)
        {
            Newest = reading.ObservedAt;
        }

        var previous = Status;
        if (CrossedLevel(_indicator, reading.Value) is { } crossed && (Status is null || crossed > Status))
        {
            Status = crossed;
            return new IndicatorStatusChange(_indicator.Id, previous, Status, reading);
        }

        if (late || Status is not { } status || !ClearedLongEnough(status, reading.ObservedAt))
        {
            return null;
        }

        Status = null;
        for (var i = Array.IndexOf(Levels, status) - 1; i >= 0; i--)
        {
            if (_indicator.Thresholds.Of(Levels[i]) is not null && !ClearedLongEnough(Levels[i], reading.ObservedAt))
            {
                Status = Levels[i];
                break;
            }
        }

        return new IndicatorStatusChange(_indicator.Id, previous, Status, reading);
    }

    /// <summary>
    /// The highest level whose threshold a value is at or beyond in the dangerous direction, or null (Normal): the
    /// reading's level by the thresholds alone, before hysteresis and minimum duration. A reading can change an
    /// indicator's status only if this differs from the status, which makes it a cheap test for "may this warn?".
    /// </summary>
    /// <param name="indicator">The indicator and its thresholds.</param>
    /// <param name="value">The reading's value, in the indicator's unit.</param>
    public static WarningLevel? CrossedLevel(Indicator indicator, double value)
    {
        ArgumentNullException.ThrowIfNull(indicator);

        for (var i = Levels.Length - 1; i >= 0; i--)
        {
            if (indicator.Thresholds?.Of(Levels[i]) is { } threshold
                && (indicator.Direction == ThresholdDirection.Above ? value >= threshold : value <= threshold))
            {
                return Levels[i];
            }
        }

        return null;
    }

    /// <summary>Whether a value is past a level's release value (its threshold minus the hysteresis, towards safety).</summary>
    private bool IsClear(double value, WarningLevel level)
    {
        var threshold = _indicator.Thresholds.Of(level)!.Value;
        return _indicator.Direction == ThresholdDirection.Above ? value < threshold - _indicator.Hysteresis : value > threshold + _indicator.Hysteresis;
    }

    private bool ClearedLongEnough(WarningLevel level, DateTimeOffset now) =>
        _clearSince[(int)level] is { } since && now - since >= _indicator.MinimumDuration;
}
