using Grpc.Core;

namespace CityRisk.Server.Tests;

/// <summary>A call context for driving the exchange's handlers directly, without a server: metadata and cancellation.</summary>
internal sealed class TestServerCallContext(Metadata requestHeaders, CancellationToken cancellationToken) : ServerCallContext
{
    public Metadata? ResponseHeaders { get; private set; }

    protected override string MethodCore => "/cityrisk.v1.Exchange/Test";

    protected override string HostCore => "127.0.0.1";

    protected override string PeerCore => "test";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => requestHeaders;

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        ResponseHeaders = responseHeaders;
        return Task.CompletedTask;
    }

    public static TestServerCallContext As(string token, CancellationToken cancellationToken) => new(new Metadata { { "authorization", $"Bearer {token}" } }, cancellationToken);
}
