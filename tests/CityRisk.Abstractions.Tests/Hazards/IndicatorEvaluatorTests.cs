using CityRisk.Hazards;

namespace CityRisk.Tests.Hazards;

/// <summary>What the vectors do not show: the rules an evaluator refuses, and values it cannot judge.</summary>
public sealed class IndicatorEvaluatorTests
{
    private static Indicator Strain(IndicatorThresholds thresholds, ThresholdDirection direction = ThresholdDirection.Above, double hysteresis = 0, TimeSpan? duration = null) => new()
    {
        Id = "strain",
        Unit = "um/m",
        Direction = direction,
        Thresholds = thresholds,
        Hysteresis = hysteresis,
        MinimumDuration = duration ?? TimeSpan.Zero,
    };

    [Fact]
    public void Rules_that_cannot_be_evaluated_are_refused_saying_why()
    {
        Assert.Contains("no level has a threshold", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds())), StringComparison.Ordinal);
        Assert.Contains("Red threshold 900 is below", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Orange = 1000, Red = 900 })), StringComparison.Ordinal);
        Assert.Contains("Red threshold 300 is above", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Blue = 200, Red = 300 }, ThresholdDirection.Below)), StringComparison.Ordinal);
        Assert.Contains("hysteresis", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Red = 1 }, hysteresis: -1)), StringComparison.Ordinal);
        Assert.Contains("hysteresis", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Red = 1 }, hysteresis: double.NaN)), StringComparison.Ordinal);
        Assert.Contains("not a finite number", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Red = double.PositiveInfinity })), StringComparison.Ordinal);
        Assert.Contains("negative", IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Red = 1 }, duration: TimeSpan.FromSeconds(-1))), StringComparison.Ordinal);
        Assert.Null(IndicatorEvaluator.RuleProblem(Strain(new IndicatorThresholds { Yellow = 5, Orange = 5 })));
        Assert.Throws<ArgumentException>(() => new IndicatorEvaluator(Strain(new IndicatorThresholds())));
        Assert.Throws<ArgumentException>(() => new HazardEvaluator([Strain(new IndicatorThresholds { Red = 1 }), Strain(new IndicatorThresholds { Red = 2 })]));
    }

    [Fact]
    public void A_value_that_is_not_a_number_or_an_unknown_indicator_is_refused_and_changes_nothing()
    {
        var hazard = new HazardEvaluator([Strain(new IndicatorThresholds { Red = 10 })]);
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => hazard.Apply("strain", new IndicatorReading(at, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => hazard.Apply("strain", new IndicatorReading(at, double.PositiveInfinity)));
        Assert.Throws<ArgumentException>(() => hazard.Apply("tilt", new IndicatorReading(at, 50)));
        Assert.Null(hazard.Status);
        Assert.Null(hazard.Indicators["strain"].Newest);
    }

    [Fact]
    public void Equal_thresholds_raise_to_the_more_serious_level()
    {
        var hazard = new HazardEvaluator([Strain(new IndicatorThresholds { Yellow = 5, Orange = 5 })]);

        var change = hazard.Apply("strain", new IndicatorReading(DateTimeOffset.UnixEpoch, 5));

        Assert.Equal(WarningLevel.Orange, change?.Current);
        Assert.Equal(HazardAlertAction.Alert, change?.Action);
        Assert.Equal(5, change?.Cause.Reading.Value);
    }
}
