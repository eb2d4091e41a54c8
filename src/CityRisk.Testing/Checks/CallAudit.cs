using System.Globalization;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CityRisk.Testing;

/// <summary>
/// What the kit sees of every call a check makes, in one place rather than in each check:
/// <list type="bullet">
/// <item>a transport fault becomes <see cref="ConformanceTransportException"/>, which no check mistakes for an answer;</item>
/// <item>every accepted Publish is recorded in the <see cref="PayloadLedger"/>;</item>
/// <item>every envelope that comes back (Get, each Query item, each delivery) is checked against the ledger and the schema;</item>
/// <item>every Subscribe stream is checked delivery by delivery for strictly increasing cursors, so a reorder or a
/// repeat is reported where it happens, with the order received, rather than as a timeout.</item>
/// </list>
/// </summary>
internal sealed class CallAudit(PayloadLedger ledger) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        var method = context.Method.FullName;
        return new AsyncUnaryCall<TResponse>(ResponseAsync(request, call.ResponseAsync, method), Guard(call.ResponseHeadersAsync, method), call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        var method = context.Method.FullName;
        return new AsyncServerStreamingCall<TResponse>(new AuditedStream<TResponse>(call.ResponseStream, ledger, method), Guard(call.ResponseHeadersAsync, method), call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> ResponseAsync<TRequest, TResponse>(TRequest request, Task<TResponse> response, string method)
    {
        var result = await Guard(response, method).ConfigureAwait(false);
        switch (request, result)
        {
            case (PublishRequest publish, PublishResponse published) when publish.Envelope is { } envelope:
                ledger.Accepted(envelope, published.Cursor);
                break;
            case (PublishBatchRequest batch, PublishBatchResponse results):
                foreach (var (envelope, item) in batch.Envelopes.Zip(results.Results))
                {
                    if (item.Published is { } accepted)
                    {
                        ledger.Accepted(envelope, accepted.Cursor);
                    }
                }

                break;
            case (_, GetResponse got):
                ledger.Check(got.Envelope, got.Cursor, "Get");
                break;
            case (_, QueryResponse page):
                foreach (var item in page.Items)
                {
                    ledger.Check(item.Envelope, item.Cursor, "a Query page");
                }

                break;
        }

        return result;
    }

    internal static async Task<T> Guard<T>(Task<T> task, string method)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (RpcException ex) when (ConformanceTransportException.IsTransportFault(ex))
        {
            throw new ConformanceTransportException(method, ex);
        }
    }

    /// <summary>A Subscribe stream read through the audit: transport faults translated, each delivery checked as it arrives.</summary>
    private sealed class AuditedStream<T>(IAsyncStreamReader<T> inner, PayloadLedger ledger, string method) : IAsyncStreamReader<T>
    {
        private readonly Queue<string> _recent = new();
        private ulong _lastCursor;
        private int _count;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            bool more;
            try
            {
                more = await inner.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ConformanceTransportException.IsTransportFault(ex))
            {
                throw new ConformanceTransportException($"{method} after {_count} deliveries", ex);
            }

            if (more && inner.Current is Delivery delivery)
            {
                _count++;
                var label = $"{delivery.Cursor.ToString(CultureInfo.InvariantCulture)}:{delivery.Envelope?.Id}";
                if (_count > 1 && delivery.Cursor <= _lastCursor)
                {
                    throw new ConformanceFailedException(
                        "deliveries in strictly increasing cursor order, each once (docs/protocol.md §7.3)",
                        $"delivery {_count} is cursor {label} after cursor {_lastCursor}; received in this order: {string.Join(", ", _recent)}, {label}");
                }

                _lastCursor = delivery.Cursor;
                _recent.Enqueue(label);
                if (_recent.Count > 8)
                {
                    _recent.Dequeue();
                }

                ledger.Check(delivery.Envelope, delivery.Cursor, $"Subscribe delivery {_count}");
            }

            return more;
        }
    }
}
