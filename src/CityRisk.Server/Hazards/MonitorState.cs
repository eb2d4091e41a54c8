using System.Text.Json;
using System.Text.Json.Serialization;
using CityRisk.Hazards;

namespace CityRisk.Server.Hazards;

/// <summary>
/// What the hub remembers of one hazard between readings and across restarts: each indicator's evaluator state, the
/// hazard's status, its warning thread, and the warnings decided but not yet published. Stored as JSON in
/// <see cref="CityRisk.Storage.HazardEvaluationRecord.State"/>, written in the same transaction as the readings it judged.
/// </summary>
internal sealed class MonitorState
{
    /// <summary>Each indicator's evaluator state, by indicator id.</summary>
    public Dictionary<string, IndicatorEvaluatorState> Indicators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The hazard's status: null when normal.</summary>
    public WarningLevel? Status { get; set; }

    /// <summary>When the status last changed, by the hub's clock.</summary>
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>How many warnings the hazard's thread has had (the last one's sequence number).</summary>
    public long WarningSequence { get; set; }

    /// <summary>The last warning decided (published or pending): what the next one references.</summary>
    public WarningRef? Last { get; set; }

    /// <summary>The warning in force once the pending ones are published: null when the last was a Cancel.</summary>
    public WarningRef? InForce { get; set; }

    /// <summary>Warnings decided but not yet published, oldest first.</summary>
    public List<PendingWarning> Pending { get; set; } = [];

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, MonitorStateJson.Default.MonitorState);

    public static MonitorState Deserialize(byte[] state) =>
        JsonSerializer.Deserialize(state, MonitorStateJson.Default.MonitorState) ?? new MonitorState();

    /// <summary>A copy to change without touching this one (the indicator states and references are immutable records).</summary>
    public MonitorState Clone() => new()
    {
        Indicators = new Dictionary<string, IndicatorEvaluatorState>(Indicators, StringComparer.Ordinal),
        Status = Status,
        ChangedAt = ChangedAt,
        WarningSequence = WarningSequence,
        Last = Last,
        InForce = InForce,
        Pending = [.. Pending],
    };
}

/// <summary>A warning by its CAP sender, identifier and sent time (what a CAP reference names).</summary>
internal sealed record WarningRef(string Sender, string Identifier, DateTimeOffset Sent);

/// <summary>A warning decided when a reading changed the hazard's status, to publish.</summary>
internal sealed record PendingWarning
{
    public required long Sequence { get; init; }

    public required HazardAlertAction Action { get; init; }

    public WarningLevel? Previous { get; init; }

    public WarningLevel? Current { get; init; }

    public required string IndicatorId { get; init; }

    public WarningLevel? IndicatorPrevious { get; init; }

    public WarningLevel? IndicatorCurrent { get; init; }

    public required DateTimeOffset ObservedAt { get; init; }

    public required double Value { get; init; }

    public string? Unit { get; init; }

    public ObservationQuality Quality { get; init; }

    public string? SensorId { get; init; }

    public required DateTimeOffset Sent { get; init; }

    public required string CapSender { get; init; }

    public WarningRef? References { get; init; }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MonitorState))]
internal sealed partial class MonitorStateJson : JsonSerializerContext;
