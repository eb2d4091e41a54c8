using CityRisk.Problems;
using Grpc.Core;

namespace CityRisk.Hazards;

/// <summary>What the hub did with one observation of a batch.</summary>
public sealed class ObservationOutcome
{
    internal ObservationOutcome(int index, Observation observation, bool recorded, bool duplicate, StatusCode? refusal, string? message, IReadOnlyList<Problem> problems)
    {
        (Index, Observation, Recorded, Duplicate, Refusal, Message, Problems) = (index, observation, recorded, duplicate, refusal, message, problems);
    }

    internal ObservationOutcome At(long index) => new((int)index, Observation, Recorded, Duplicate, Refusal, Message, Problems);

    /// <summary>Its position in the batch (or, from an <see cref="ObservationWriter"/>, in what was written to it).</summary>
    public int Index { get; }

    /// <summary>The observation.</summary>
    public Observation Observation { get; }

    /// <summary>Whether it is stored now (new, or a duplicate of one stored before).</summary>
    public bool Recorded { get; }

    /// <summary>Whether the hub already had it (same hazard, indicator and observed-at); its first value is kept.</summary>
    public bool Duplicate { get; }

    /// <summary>Why it was refused (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED), or null when recorded.</summary>
    public StatusCode? Refusal { get; }

    /// <summary>The hub's message for a refusal.</summary>
    public string? Message { get; }

    /// <summary>For INVALID_ARGUMENT, every problem (OBSERVATION-* codes, paths as the .proto field names).</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <inheritdoc/>
    public override string ToString() => Recorded ? $"#{Index} {(Duplicate ? "duplicate" : "recorded")}" : $"#{Index} refused: {Refusal} {Message}";
}
