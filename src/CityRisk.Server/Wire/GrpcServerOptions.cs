using CityRisk.Wire;

namespace CityRisk.Server.Wire;

/// <summary>Limits of the server half of the call layer.</summary>
internal sealed class GrpcServerOptions
{
    /// <summary>The largest request message accepted (RESOURCE_EXHAUSTED beyond). Default 4 MiB.</summary>
    public int MaxReceiveMessageBytes { get; init; } = GrpcProtocol.DefaultMaxMessageBytes;

    /// <summary>The largest response message sent (RESOURCE_EXHAUSTED beyond). Default 4 MiB.</summary>
    public int MaxSendMessageBytes { get; init; } = GrpcProtocol.DefaultMaxMessageBytes;

    /// <summary>
    /// Signalled when the host begins to shut down: calls still running (subscriptions, mostly) end with UNAVAILABLE
    /// at once, so clients reconnect and resume, instead of holding the shutdown until its timeout.
    /// </summary>
    public CancellationToken Stopping { get; init; }

    /// <summary>Counts the calls in flight, for health, metrics and tests that prove aborted calls end.</summary>
    public GrpcCallTracker Calls { get; } = new();
}
