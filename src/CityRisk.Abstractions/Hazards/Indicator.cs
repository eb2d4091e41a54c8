using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk.Hazards;

/// <summary>
/// One monitored quantity of a hazard (a bridge's strain, a gas main's pressure) and the rules that grade its
/// readings: the thresholds of the warning levels, the direction that is dangerous, the hysteresis band and the
/// minimum duration a status must stay cleared before it falls (docs/hazards.md, "Evaluation").
/// </summary>
public sealed record Indicator
{
    /// <summary>The indicator's id, unique within its hazard (<c>strain-s3</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What it measures, for people.</summary>
    public string? Name { get; init; }

    /// <summary>The unit of its readings, as a UCUM code (<c>%</c>, <c>kPa</c>, <c>m</c>, <c>[ppm]</c>, <c>um/m</c>).</summary>
    public required string Unit { get; init; }

    /// <summary>Which way the indicator is dangerous.</summary>
    public required ThresholdDirection Direction { get; init; }

    /// <summary>The thresholds; at least one level has one.</summary>
    public required IndicatorThresholds Thresholds { get; init; }

    /// <summary>
    /// How far past a threshold, back towards safety, a reading must be for the level to count as cleared (in the
    /// indicator's unit, 0 or more): it keeps a reading hovering at a threshold from raising and lifting a warning
    /// again and again.
    /// </summary>
    public double Hysteresis { get; init; }

    /// <summary>How long (by observed-at time) the readings must stay cleared before a status falls; zero for at once. An ISO 8601 duration in JSON (<c>PT10M</c>).</summary>
    [JsonConverter(typeof(IsoDurationJsonConverter))]
    public TimeSpan MinimumDuration { get; init; }
}
