using CityRisk.Hazards;

namespace CityRisk.Tests.Hazards;

public sealed class ObservationValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8));

    private static Observation Reading(double value = 950, string indicator = "strain-s3", string? unit = "um/m", DateTimeOffset? at = null) => new()
    {
        HazardOwner = "hefei-lifeline",
        HazardId = "hf-bridge-0042",
        IndicatorId = indicator,
        ObservedAt = at ?? Now.AddMinutes(-1),
        Value = value,
        Unit = unit,
    };

    private static IReadOnlyList<string> Codes(Observation observation, bool withHazard = true) =>
        [.. ObservationValidator.Validate(observation, withHazard ? HazardBuilder.Valid() : null, Now).Select(p => $"{p.Code} {p.Path}")];

    [Fact]
    public void A_reading_of_a_known_indicator_in_its_unit_is_valid()
    {
        Assert.Empty(Codes(Reading()));
        Assert.Empty(Codes(Reading(unit: null)));
        Assert.Empty(Codes(Reading(at: Now.AddMinutes(4))));
    }

    [Fact]
    public void What_sensor_platforms_get_wrong_is_refused_with_a_clear_problem()
    {
        Assert.Equal(["OBSERVATION-VALUE-INVALID $.value"], Codes(Reading(double.NaN)));
        Assert.Equal(["OBSERVATION-INDICATOR-UNKNOWN $.indicatorId"], Codes(Reading(indicator: "tilt")));
        Assert.Equal(["OBSERVATION-UNIT-MISMATCH $.unit"], Codes(Reading(unit: "mm")));
        Assert.Equal(["OBSERVATION-IN-FUTURE $.observedAt"], Codes(Reading(at: Now.AddHours(8))));
        Assert.Equal(["OBSERVATION-KEY-INVALID $.hazardId", "OBSERVATION-KEY-INVALID $.hazardOwner", "OBSERVATION-KEY-INVALID $.indicatorId"],
            Codes(Reading() with { HazardId = "", HazardOwner = "Hefei Lifeline", IndicatorId = " " }, withHazard: false));
        Assert.Contains("strain-s3", ObservationValidator.Validate(Reading(indicator: "tilt"), HazardBuilder.Valid())[0].Message, StringComparison.Ordinal);
    }
}
