using System.Globalization;
using System.Runtime.CompilerServices;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CityRisk.Client;

/// <summary>
/// A Subscribe stream that survives its breaks: after a lost connection, a hub restart or RESOURCE_EXHAUSTED it
/// reconnects with backoff after the last cursor it delivered, and drops what it already delivered, so the
/// application sees each matching message once, in cursor order (docs/protocol.md §7). A named subscription
/// writes its cursor to a checkpoint store when the application asks for the next message.
/// </summary>
internal sealed partial class ResumableSubscription(
    ClientPipeline pipeline,
    Filter filter,
    SubscriptionStart start,
    string? name,
    SubscriptionCheckpointStore? checkpoints,
    string spanName)
{
    // Deliveries are kept by cursor; the (sender, id) window also drops a message that comes again under another cursor.
    private const int RecentKeyCapacity = 4096;

    public async IAsyncEnumerable<Delivery> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? last = null;
        if (checkpoints is not null && await checkpoints.GetAsync(name!, cancellationToken).ConfigureAwait(false) is { } checkpoint)
        {
            if (checkpoint.Hub != pipeline.Endpoint)
            {
                throw new CityRiskException(StatusCode.FailedPrecondition,
                    $"The checkpoint of subscription '{name}' was taken on {checkpoint.Hub}, not {pipeline.Endpoint}; cursors belong to the hub that gave them. Use another name, or remove the checkpoint.");
            }

            last = checkpoint.Cursor;
        }

        var reconnect = pipeline.Options.Reconnect ?? new CityRiskReconnectOptions();
        var recent = new RecentKeys(RecentKeyCapacity);
        var failuresInARow = 0;
        var delay = reconnect.Delay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new SubscribeRequest { Filter = filter };
            if (last is { } after)
            {
                request.AfterCursor = (ulong)after;
            }
            else if (start.AfterCursor is { } given)
            {
                request.AfterCursor = (ulong)given;
            }
            else if (start.IsFromBeginning)
            {
                request.FromBeginning = true;
            }
            else
            {
                request.FromNow = true;
            }

            long? startCursor = null;
            RpcException? failure = null;
            using (var activity = ClientPipeline.StartActivity(spanName))
            {
                activity?.SetTag("cityrisk.subscription.after_cursor", request.StartCase == SubscribeRequest.StartOneofCase.AfterCursor ? (long)request.AfterCursor : null);
                using var call = pipeline.Exchange.Subscribe(request, pipeline.CallOptions(null, cancellationToken));
                var headersRead = false;
                while (true)
                {
                    try
                    {
                        if (!headersRead)
                        {
                            // The hub sends its headers as soon as it accepts the call: they say where a from-now stream starts.
                            headersRead = true;
                            startCursor = StartCursorOf(await call.ResponseHeadersAsync.ConfigureAwait(false));
                        }

                        if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                        {
                            // The hub ended the stream with OK (it is shutting down): reconnect like after a failure.
                            break;
                        }
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException("The subscription was cancelled.", ex, cancellationToken);
                    }
                    catch (RpcException ex) when (IsResumable(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
                    {
                        failure = ex;
                        break;
                    }
                    catch (RpcException ex)
                    {
                        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.StatusCode.ToString());
                        throw ClientPipeline.ToException(ex);
                    }

                    var delivery = call.ResponseStream.Current;
                    failuresInARow = 0;
                    delay = reconnect.Delay;
                    var cursor = (long)delivery.Cursor;
                    if ((last is { } seen && cursor <= seen) || !recent.Add(delivery.Envelope.Sender, delivery.Envelope.Id))
                    {
                        ClientTelemetry.DuplicatesDropped.Add(1);
                        last = Math.Max(last ?? 0, cursor);
                        continue;
                    }

                    last = cursor;
                    ClientTelemetry.Deliveries.Add(1);
                    // Parsing the sent time costs a little per delivery: only when someone listens to the lag.
                    if (ClientTelemetry.Lag.Enabled && DateTimeOffset.TryParse(delivery.Envelope.Sent, CultureInfo.InvariantCulture, DateTimeStyles.None, out var sent))
                    {
                        ClientTelemetry.Lag.Record(Math.Max(0, (pipeline.Time.GetUtcNow() - sent).TotalSeconds));
                    }

                    yield return delivery;

                    // The application asked for the next message: this one is processed.
                    if (checkpoints is not null)
                    {
                        await checkpoints.SetAsync(name!, new SubscriptionCheckpoint(cursor, pipeline.Endpoint, pipeline.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            // Nothing delivered on this stream yet: resume after where it started (for "from now", the hub's position then).
            last ??= startCursor ?? (failure is null ? null : ClientPipeline.ResumeCursorOf(failure));
            failuresInARow++;
            if (reconnect.MaxAttempts is { } limit && failuresInARow >= limit)
            {
                throw failure is null
                    ? new CityRiskException(StatusCode.Unavailable, $"The hub kept ending the subscription; gave up after {failuresInARow} attempts.")
                    : ClientPipeline.ToException(failure);
            }

            var wait = Jittered(delay);
            LogReconnecting(pipeline.Logger, name ?? "(unnamed)", (long)wait.TotalMilliseconds, last, failure?.StatusCode.ToString() ?? "stream ended", failure?.Status.Detail ?? "the hub ended the stream");
            ClientTelemetry.Reconnects.Add(1);
            await Task.Delay(wait, pipeline.Time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, reconnect.MaxDelay.Ticks));
        }
    }

    /// <summary>Failures a reconnection can cure; the others (credential, filter, cursor from another hub ...) would fail again.</summary>
    private static bool IsResumable(StatusCode status) => status is StatusCode.Unavailable or StatusCode.ResourceExhausted
        or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Cancelled;

    private static long? StartCursorOf(Metadata headers) =>
        headers.GetValue(ExchangeMetadata.StartCursor) is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : null;

    /// <summary>Full jitter over the upper half: between half the delay and the delay, so many clients do not reconnect in step.</summary>
    private static TimeSpan Jittered(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + (Random.Shared.NextDouble() / 2))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Name} reconnects in {DelayMilliseconds} ms after cursor {Cursor}: {Status} {Detail}")]
    private static partial void LogReconnecting(ILogger logger, string name, long delayMilliseconds, long? cursor, string status, string detail);

    /// <summary>The most recent (sender, id) keys, bounded: the oldest is forgotten first.</summary>
    private sealed class RecentKeys(int capacity)
    {
        private readonly HashSet<(string, string)> _set = [];
        private readonly Queue<(string, string)> _order = new();

        public bool Add(string sender, string id)
        {
            if (!_set.Add((sender, id)))
            {
                return false;
            }

            _order.Enqueue((sender, id));
            if (_order.Count > capacity)
            {
                _set.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
