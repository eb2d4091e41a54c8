using Microsoft.AspNetCore.Http;

namespace CityRisk.Server.Wire;

/// <summary>What a method handler sees of its call: metadata, the deadline, and a token cancelled by either side.</summary>
internal sealed class GrpcServerCallContext(HttpContext httpContext, DateTimeOffset? deadline, CancellationToken cancellationToken)
{
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>When the client's grpc-timeout runs out, or null for none.</summary>
    public DateTimeOffset? Deadline { get; } = deadline;

    /// <summary>Cancelled when the client cancels, disconnects or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>A request metadata value (lower-case name), or null.</summary>
    public string? GetMetadata(string name) => HttpContext.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
