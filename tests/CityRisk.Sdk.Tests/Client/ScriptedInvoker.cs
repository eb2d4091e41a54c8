using Grpc.Core;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>A stub transport: each call is answered by the next script step, and every call is recorded.</summary>
internal sealed class ScriptedInvoker : CallInvoker
{
    private readonly Queue<Func<object, object>> _unary = new();
    private readonly Queue<Func<object, CallOptions, IAsyncEnumerable<object>>> _streams = new();

    public List<object> Requests { get; } = [];

    public List<CallOptions> Options { get; } = [];

    public void Answer(Func<object, object> step) => _unary.Enqueue(step);

    public void Fail(StatusCode status, string detail = "scripted failure", Metadata? trailers = null) =>
        _unary.Enqueue(_ => throw new RpcException(new Status(status, detail), trailers ?? []));

    public void Stream(Func<object, CallOptions, IAsyncEnumerable<object>> stream) => _streams.Enqueue(stream);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        Record(request, options);
        var step = _unary.Count > 0 ? _unary.Dequeue() : throw new InvalidOperationException("The script has no answer left.");
        Task<TResponse> response;
        try
        {
            response = Task.FromResult((TResponse)step(request));
        }
        catch (RpcException ex)
        {
            response = Task.FromException<TResponse>(ex);
        }

        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        Record(request, options);
        var stream = _streams.Count > 0 ? _streams.Dequeue() : throw new InvalidOperationException("The script has no stream left.");
        var items = stream(request, options).GetAsyncEnumerator(options.CancellationToken);
        return new AsyncServerStreamingCall<TResponse>(new Reader<TResponse>(items), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException();

    private void Record(object request, CallOptions options)
    {
        lock (Requests)
        {
            Requests.Add(request);
            Options.Add(options);
        }
    }

    private sealed class Reader<T>(IAsyncEnumerator<object> items) : IAsyncStreamReader<T>
    {
        public T Current { get; private set; } = default!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await items.MoveNextAsync())
            {
                return false;
            }

            Current = (T)items.Current;
            return true;
        }
    }
}
