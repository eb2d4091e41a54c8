namespace CityRisk.Storage;

/// <summary>One observation as a store keeps it. Its key is (hazard owner, hazard id, indicator id, observed-at instant).</summary>
public sealed record StoredObservation
{
    /// <summary>The hazard's owner.</summary>
    public required string HazardOwner { get; init; }

    /// <summary>The hazard's id.</summary>
    public required string HazardId { get; init; }

    /// <summary>The indicator's id.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>When it was observed, with the offset it was sent with (kept; the key is the instant).</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>The value.</summary>
    public required double Value { get; init; }

    /// <summary>The unit it was sent with, if any.</summary>
    public string? Unit { get; init; }

    /// <summary>The quality flag as its number (0 good, 1 suspect, 2 bad).</summary>
    public int Quality { get; init; }

    /// <summary>The sensor's id, if any.</summary>
    public string? SensorId { get; init; }
}
