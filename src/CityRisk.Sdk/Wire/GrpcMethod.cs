using Google.Protobuf;

namespace CityRisk.Wire;

/// <summary>A method of a gRPC service: its path and how to parse its responses.</summary>
internal sealed record GrpcMethod<TRequest, TResponse>(string Service, string Name, MessageParser<TResponse> ResponseParser)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    /// <summary>The HTTP/2 path: <c>/cityrisk.v1.Exchange/Publish</c>.</summary>
    public string Path { get; } = $"/{Service}/{Name}";
}
