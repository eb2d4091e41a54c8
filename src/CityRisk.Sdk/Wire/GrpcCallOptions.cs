namespace CityRisk.Wire;

/// <summary>Per-call settings: a deadline, metadata and cancellation.</summary>
internal sealed record GrpcCallOptions
{
    public static GrpcCallOptions Default { get; } = new();

    /// <summary>How long the call may take, sent as grpc-timeout and enforced here too; null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Request metadata (lower-case names), such as <c>authorization</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public CancellationToken CancellationToken { get; init; }

    /// <summary>Called with the response headers (lower-case names) when a call's response starts with a body.</summary>
    public Action<IReadOnlyDictionary<string, string>>? OnResponseHeaders { get; init; }
}
