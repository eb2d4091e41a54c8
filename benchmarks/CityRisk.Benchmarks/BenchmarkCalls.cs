using System.Runtime.CompilerServices;
using CityRisk.Client;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CityRisk.Benchmarks;

/// <summary>A method of a gRPC service, with protobuf marshallers; the response parser may read less than the message (<see cref="DeliveryHead"/>).</summary>
internal sealed record GrpcMethod<TRequest, TResponse>(string Service, string Name, MessageParser<TResponse> ResponseParser)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method<TRequest, TResponse> Method { get; } = new(
        MethodType.Unary, Service, Name,
        Marshallers.Create<TRequest>(static r => r.ToByteArray(), static _ => throw new NotSupportedException()),
        Marshallers.Create(static (TResponse r) => r.ToByteArray(), ResponseParser.ParseFrom));
}

/// <summary>Per-call settings of the benchmarks' calls: metadata, a deadline, cancellation.</summary>
internal sealed record GrpcCallOptions
{
    public static GrpcCallOptions Default { get; } = new();

    public TimeSpan? Timeout { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public CancellationToken CancellationToken { get; init; }

    public CallOptions ToCallOptions()
    {
        var headers = new Metadata();
        foreach (var (name, value) in Metadata)
        {
            headers.Add(name, value);
        }

        return new CallOptions(headers, Timeout is { } t ? DateTime.UtcNow + t : null, CancellationToken);
    }
}

/// <summary>The benchmarks' client: the SDK's own channel (Grpc.Net.Client) and raw method calls, without the SDK's pipeline.</summary>
internal sealed class BenchmarkClient(Uri address) : IDisposable
{
    private readonly GrpcChannel _channel = CityRiskChannel.Create(address, new CityRiskClientOptions { MaxMessageBytes = 64 * 1024 * 1024 });

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        await _channel.CreateCallInvoker().AsyncUnaryCall(method.Method, null, options.ToCallOptions(), request).ConfigureAwait(false);

    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var streaming = new Method<TRequest, TResponse>(MethodType.ServerStreaming, method.Service, method.Name, method.Method.RequestMarshaller, method.Method.ResponseMarshaller);
        using var call = _channel.CreateCallInvoker().AsyncServerStreamingCall(streaming, null, options.ToCallOptions(), request);
        var token = options.CancellationToken.CanBeCanceled ? options.CancellationToken : cancellationToken;
        while (true)
        {
            try
            {
                if (!await call.ResponseStream.MoveNext(token).ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && token.IsCancellationRequested)
            {
                // The caller's own cancellation, as .NET code expects it.
                throw new OperationCanceledException(token);
            }

            yield return call.ResponseStream.Current;
        }
    }

    public void Dispose() => _channel.Dispose();
}
