using System.Text.Json.Serialization;

namespace CityRisk.Hazards;

/// <summary>
/// One reading of one indicator of a hazard, as a sensor platform sends it: small, because sensors send many. The
/// same (hazard, indicator, observed-at) is the same observation: sending it again is a duplicate.
/// </summary>
public sealed record Observation
{
    /// <summary>The document kind, <c>observation</c> (CityRisk JSON's <c>"kind"</c>).</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.Observation;

    /// <summary>The CityRisk JSON version, 1 (<c>"v"</c>).</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The owner of the hazard (the partner its readings come from).</summary>
    public required string HazardOwner { get; init; }

    /// <summary>The hazard's id.</summary>
    public required string HazardId { get; init; }

    /// <summary>The indicator's id within the hazard.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>When the sensor observed it, with its offset.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The value, in the indicator's unit.</summary>
    public required double Value { get; init; }

    /// <summary>The unit the value is in, as a UCUM code; when given, it must be the indicator's.</summary>
    public string? Unit { get; init; }

    /// <summary>How far the reading can be trusted.</summary>
    public ObservationQuality Quality { get; init; }

    /// <summary>The sensor's id on the owner's platform, if it has one.</summary>
    public string? SensorId { get; init; }

    /// <summary>The reading, for the evaluator.</summary>
    [JsonIgnore]
    public IndicatorReading Reading => new(ObservedAt, Value);
}
