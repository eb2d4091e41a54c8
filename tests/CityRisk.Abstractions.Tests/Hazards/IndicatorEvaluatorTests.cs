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

    [Fact]
    public void The_crossed_level_is_the_thresholds_alone()
    {
        var above = Strain(new IndicatorThresholds { Yellow = 800, Red = 1200 }, hysteresis: 50);
        Assert.Null(IndicatorEvaluator.CrossedLevel(above, 799.9));
        Assert.Equal(WarningLevel.Yellow, IndicatorEvaluator.CrossedLevel(above, 800));
        Assert.Equal(WarningLevel.Red, IndicatorEvaluator.CrossedLevel(above, 5000));
        var below = Strain(new IndicatorThresholds { Blue = 20, Orange = 10 }, ThresholdDirection.Below);
        Assert.Null(IndicatorEvaluator.CrossedLevel(below, 20.5));
        Assert.Equal(WarningLevel.Blue, IndicatorEvaluator.CrossedLevel(below, 20));
        Assert.Equal(WarningLevel.Orange, IndicatorEvaluator.CrossedLevel(below, -3));
    }

    /// <summary>The hub schedules readings by this claim (a reading whose crossed level equals the status cannot change it), so it is checked on random streams.</summary>
    [Theory]
    [InlineData(ThresholdDirection.Above, 0, 0)]
    [InlineData(ThresholdDirection.Above, 40, 3)]
    [InlineData(ThresholdDirection.Below, 25, 2)]
    public void Only_a_reading_whose_crossed_level_differs_from_the_status_changes_it(ThresholdDirection direction, double hysteresis, int durationSeconds)
    {
        var indicator = Strain(direction == ThresholdDirection.Above
            ? new IndicatorThresholds { Blue = 200, Yellow = 400, Orange = 600, Red = 800 }
            : new IndicatorThresholds { Blue = 800, Yellow = 600, Orange = 400, Red = 200 }, direction, hysteresis, TimeSpan.FromSeconds(durationSeconds));
        var evaluator = new IndicatorEvaluator(indicator);
        var random = new Random(20261201);
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(8));
        var changes = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly in order, some late, values that wander across every level and band.
            var at = start.AddSeconds(i - (random.Next(10) == 0 ? random.Next(1, 30) : 0));
            var value = random.Next(0, 1001);
            var before = evaluator.Status;
            var crossed = IndicatorEvaluator.CrossedLevel(indicator, value);
            if (evaluator.Apply(new IndicatorReading(at, value)) is not null)
            {
                changes++;
                Assert.NotEqual(before, crossed);
            }
        }

        Assert.True(changes > 100, $"only {changes} changes: the stream does not exercise the rule");
    }
}
