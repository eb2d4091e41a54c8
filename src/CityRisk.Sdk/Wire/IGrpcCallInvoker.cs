using Google.Protobuf;

namespace CityRisk.Wire;

/// <summary>
/// The client half of the call layer, as the SDK's clients see it. The HttpClient implementation is
/// <see cref="HttpGrpcCallInvoker"/>; Grpc.Net.Client can stand behind this interface when it can be restored,
/// without any change to the public API (docs/decisions/0006-own-grpc-call-layer.md).
/// Failures are <see cref="GrpcCallException"/> with the status.
/// </summary>
internal interface IGrpcCallInvoker
{
    Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;
}
