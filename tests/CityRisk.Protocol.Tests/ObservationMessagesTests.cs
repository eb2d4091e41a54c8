using CityRisk.Hazards;
using CityRisk.Problems;
using WireObservation = CityRisk.Protocol.V1.Observation;

namespace CityRisk.Protocol.Tests;

/// <summary>Observations on the wire: observed_at keeps its offset and fraction, and what cannot be read is named by field.</summary>
public sealed class ObservationMessagesTests
{
    private static readonly Observation Reading = new()
    {
        HazardOwner = "hefei-lifeline",
        HazardId = "hf-bridge-0042",
        IndicatorId = "strain-s3",
        ObservedAt = new DateTimeOffset(2026, 11, 30, 8, 0, 0, 250, TimeSpan.FromHours(8)),
        Value = 1040.5,
        Unit = "um/m",
        Quality = ObservationQuality.Suspect,
        SensorId = "s3-a",
    };

    [Fact]
    public void An_observation_goes_to_the_wire_and_back_unchanged()
    {
        var wire = ObservationMessages.ToWire(Reading);
        Assert.Equal("2026-11-30T08:00:00.25+08:00", wire.ObservedAt);
        Assert.True(ObservationMessages.TryFromWire(wire, out var back, out var problems));
        Assert.Empty(problems);
        Assert.Equal(Reading, back);
        Assert.Equal(Reading.ObservedAt.Offset, back!.ObservedAt.Offset);
    }

    [Theory]
    [InlineData("2026-11-30T08:00:00+08:00", true)]
    [InlineData("2026-11-30T00:00:00Z", true)]
    [InlineData("2026-11-30T00:00:00.123456Z", true)]
    [InlineData("2026-11-30T08:00:00", false)]
    [InlineData("2026-11-30 08:00:00+08:00", false)]
    [InlineData("", false)]
    public void Observed_at_needs_an_offset(string text, bool readable) =>
        Assert.Equal(readable, ObservationMessages.TryParseTime(text, out _));

    [Fact]
    public void What_cannot_be_read_is_named_by_its_field()
    {
        var wire = ObservationMessages.ToWire(Reading);
        wire.ObservedAt = "yesterday";
        wire.Quality = (CityRisk.Protocol.V1.ObservationQuality)7;
        Assert.False(ObservationMessages.TryFromWire(wire, out _, out var problems));
        Assert.Equal([(ProblemCodes.ObservationTimeInvalid, "observed_at"), (ProblemCodes.ObservationQualityUnknown, "quality")], problems.Select(p => (p.Code, p.Path)));
    }

    [Theory]
    [InlineData("$.hazardId", "hazard_id")]
    [InlineData("$.observedAt", "observed_at")]
    [InlineData("$.value", "value")]
    public void Validator_paths_become_field_names(string path, string field) => Assert.Equal(field, ObservationMessages.WireFieldOf(path));

    [Fact]
    public void An_empty_unit_and_sensor_mean_none()
    {
        Assert.True(ObservationMessages.TryFromWire(new WireObservation { HazardOwner = "a", HazardId = "b", IndicatorId = "c", ObservedAt = "2026-11-30T00:00:00Z" }, out var read, out _));
        Assert.Equal((null, null, ObservationQuality.Good), (read!.Unit, read.SensorId, read.Quality));
    }
}
