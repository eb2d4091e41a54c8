using Grpc.Core;

namespace CityRisk.Server.InMemory;

/// <summary>What the exchange's handlers see of a call made in memory: the caller's metadata, its deadline and its cancellation.</summary>
internal sealed class InMemoryServerCallContext(string method, Metadata requestHeaders, DateTime deadline, CancellationToken cancellationToken) : ServerCallContext
{
    private readonly Metadata _trailers = [];

    /// <summary>Called with the response headers when the handler writes them.</summary>
    public Action<Metadata>? OnResponseHeaders { get; init; }

    protected override string MethodCore => method;

    protected override string HostCore => "fake-exchange.invalid";

    protected override string PeerCore => "in-memory";

    protected override DateTime DeadlineCore => deadline;

    protected override Metadata RequestHeadersCore => requestHeaders;

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore => _trailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("The fake exchange does not propagate calls.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        OnResponseHeaders?.Invoke(responseHeaders);
        return Task.CompletedTask;
    }
}
