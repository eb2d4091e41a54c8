using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// A call of a check failed in transport, not by the endpoint's answer: the connection broke, the stream was reset,
/// or the status was UNAVAILABLE (gRPC's "try again"). The runner runs such a check again a bounded number of times
/// and, when it still cannot complete, reports it as "could not run: transport", never as a rule broken.
/// </summary>
internal sealed class ConformanceTransportException : Exception
{
    public ConformanceTransportException(string call, RpcException cause)
        : base($"{call}: {Describe(cause)}", cause)
    {
    }

    public ConformanceTransportException(string call, Exception cause)
        : base($"{call}: {cause.Message}", cause)
    {
    }

    /// <summary>
    /// Whether a failed call is a transport fault. A status the endpoint sent arrives without a debug exception; one
    /// the client made up because the connection or stream failed carries the exception that broke it. UNAVAILABLE is
    /// transport either way (gRPC defines it as transient). The kit's own cancellation is not a fault.
    /// </summary>
    public static bool IsTransportFault(RpcException ex) =>
        ex.StatusCode == StatusCode.Unavailable
        || (ex.Status.DebugException is { } debug && debug is not OperationCanceledException && ex.StatusCode != StatusCode.DeadlineExceeded);

    private static string Describe(RpcException ex) =>
        ex.Status.DebugException is { } debug && ex.StatusCode != StatusCode.Unavailable
            ? $"{ConformanceContext.Describe(ex)}: {debug.GetType().Name}: {debug.Message}"
            : ConformanceContext.Describe(ex);
}
