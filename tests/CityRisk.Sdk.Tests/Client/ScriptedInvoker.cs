using CityRisk.Wire;
using Google.Protobuf;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>A stub transport: each call is answered by the next script step, and every call is recorded.</summary>
internal sealed class ScriptedInvoker : IGrpcCallInvoker
{
    private readonly Queue<Func<object, object>> _unary = new();
    private readonly Queue<Func<object, GrpcCallOptions, IAsyncEnumerable<object>>> _streams = new();

    public List<object> Requests { get; } = [];

    public List<GrpcCallOptions> Options { get; } = [];

    public void Answer(Func<object, object> step) => _unary.Enqueue(step);

    public void Fail(GrpcStatusCode status, string detail = "scripted failure", IReadOnlyDictionary<string, string>? trailers = null) =>
        _unary.Enqueue(_ => throw new GrpcCallException(status, detail, trailers));

    public void Stream(Func<object, GrpcCallOptions, IAsyncEnumerable<object>> stream) => _streams.Enqueue(stream);

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        lock (Requests)
        {
            Requests.Add(request);
            Options.Add(options);
        }

        var step = _unary.Count > 0 ? _unary.Dequeue() : throw new InvalidOperationException("The script has no answer left.");
        return Task.FromResult((TResponse)step(request));
    }

    public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        lock (Requests)
        {
            Requests.Add(request);
            Options.Add(options);
        }

        var stream = _streams.Count > 0 ? _streams.Dequeue() : throw new InvalidOperationException("The script has no stream left.");
        return Cast<TResponse>(stream(request, options));
    }

    private static async IAsyncEnumerable<T> Cast<T>(IAsyncEnumerable<object> items)
    {
        await foreach (var item in items)
        {
            yield return (T)item;
        }
    }
}
