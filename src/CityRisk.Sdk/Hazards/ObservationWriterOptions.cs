namespace CityRisk.Hazards;

/// <summary>How an <see cref="ObservationWriter"/> batches and what it does with refused rows.</summary>
public sealed record ObservationWriterOptions
{
    /// <summary>The most observations in one call. Default 500; at most 5,000 (the hub's limit).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long a partial batch waits for more before it is sent. Default 50 ms: a crossing reading reaches the hub quickly.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many observations may wait to be sent before <see cref="ObservationWriter.WriteAsync"/> waits (backpressure). Default 10,000.</summary>
    public int BufferSize { get; init; } = 10_000;

    /// <summary>Called, on the writer's sending task, for every row the hub refused (with the reason); the writer goes on. Null to only count them.</summary>
    public Action<ObservationOutcome>? Refused { get; init; }
}
