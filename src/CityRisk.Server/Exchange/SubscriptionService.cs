using System.Globalization;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Subscribe: deliveries that match the filter and that the caller may see, in cursor order, from a cursor, from
/// now or from the beginning. Catch-up reads the store, then the shared window, at the subscriber's pace; once
/// caught up the call goes live and is fed from the publishing path (<see cref="LiveSubscriber"/>). A live
/// subscriber with more than <c>maxLag</c> deliveries waiting ends with RESOURCE_EXHAUSTED and the
/// <c>cityrisk-resume-cursor</c> trailer. Publishers never wait for a slow subscriber; nothing is buffered per
/// subscriber beyond its queue of shared, already serialized deliveries.
/// </summary>
internal sealed class SubscriptionService(ExchangeService exchange, IExchangeStore store, RecentMessages recent, TimeProvider time, int maxLag, ExchangeTelemetry? telemetry = null, CancellationToken stopping = default)
{
    private const int BatchSize = 256;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public async Task SubscribeAsync(SubscribeRequest request, IServerStreamWriter<EncodedDelivery> writer, ServerCallContext context) =>
        await exchange.Observe("Subscribe", context, SubscribeCoreAsync(request, writer, context)).ConfigureAwait(false);

    private async Task<bool> SubscribeCoreAsync(SubscribeRequest request, IServerStreamWriter<EncodedDelivery> writer, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        if (MessageFilter.Problems(request.Filter) is { Count: > 0 } problems)
        {
            throw ExchangeService.Fail(StatusCode.InvalidArgument, $"The filter is invalid: {string.Join("; ", problems)}.");
        }

        var filter = new MessageFilter(request.Filter);
        var position = request.StartCase switch
        {
            SubscribeRequest.StartOneofCase.AfterCursor => (long)request.AfterCursor,
            SubscribeRequest.StartOneofCase.FromBeginning => 0,
            _ => recent.LastCursor,
        };

        if (position > recent.LastCursor)
        {
            throw ExchangeService.Fail(StatusCode.OutOfRange, $"Cursor {position} is beyond the end of this hub's log ({recent.LastCursor}); cursors belong to the hub that gave them.");
        }

        // Shutdown ends open streams with UNAVAILABLE at once, so clients reconnect instead of holding the host's stop.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        var cancellationToken = linked.Token;
        await context.WriteResponseHeadersAsync(new Metadata { { ExchangeMetadata.StartCursor, position.ToString(CultureInfo.InvariantCulture) } }).ConfigureAwait(false);

        // An area subscription joins the spatial index: live messages are matched against it once, when added.
        var (areaId, registeredAfter) = filter.Area is { } area ? recent.RegisterArea(area) : (0L, long.MaxValue);
        try
        {
            position = await CatchUpAsync(caller, filter, position, writer, cancellationToken).ConfigureAwait(false);
            var live = new LiveSubscriber(writer, message => ShouldDeliver(caller, filter, message, areaId, registeredAfter), maxLag);
            while (!recent.TryGoLive(live, position))
            {
                position = await CatchUpAsync(caller, filter, position, writer, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await live.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SubscriberOverflowException ex)
            {
                throw new RpcException(
                    new Status(StatusCode.ResourceExhausted, $"The subscriber fell more than {maxLag} deliveries behind the log; resume after cursor {ex.ResumeAfter}."),
                    new Metadata { { ExchangeMetadata.ResumeCursor, ex.ResumeAfter.ToString(CultureInfo.InvariantCulture) } });
            }
            finally
            {
                await recent.LeaveAsync(live).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw ExchangeService.Fail(StatusCode.Unavailable, "The hub is shutting down; reconnect and resume from your last cursor.");
        }
        finally
        {
            if (areaId != 0)
            {
                recent.UnregisterArea(areaId);
            }
        }

        return true;
    }

    /// <summary>
    /// Writes what the log holds after <paramref name="position"/>: from the store while it is older than the shared
    /// window, then from the window, a batch at a time with one flush per batch. Returns the last cursor considered.
    /// </summary>
    private async Task<long> CatchUpAsync(Partner caller, MessageFilter filter, long position, IServerStreamWriter<EncodedDelivery> writer, CancellationToken cancellationToken)
    {
        var pending = new List<EncodedDelivery>(BatchSize);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var window = recent.ReadAfter(position, BatchSize, out var inWindow, out _);
            if (inWindow && window.Count == 0)
            {
                return position;
            }

            if (inWindow)
            {
                foreach (var message in window)
                {
                    // Catch-up tests areas directly: the index only records verdicts for live registrations.
                    if (ShouldDeliver(caller, filter, message, areaId: 0, registeredAfter: long.MaxValue))
                    {
                        pending.Add(message.Delivery);
                    }

                    position = message.Stored.Cursor;
                }
            }
            else
            {
                foreach (var stored in await store.ReadAfterAsync(position, BatchSize, cancellationToken).ConfigureAwait(false))
                {
                    var envelope = Envelope.Parser.ParseFrom(stored.Envelope);
                    var inArea = filter.Area is null || filter.MatchesArea(MessageFilter.ShapeOf(stored));
                    if (inArea && Visible(caller, filter, stored, envelope))
                    {
                        pending.Add(EncodedDelivery.Encode(stored.Cursor, stored.Envelope));
                    }

                    position = stored.Cursor;
                }
            }

            await WriteBatchAsync(writer, pending).ConfigureAwait(false);
            pending.Clear();
        }
    }

    private static async Task WriteBatchAsync(IServerStreamWriter<EncodedDelivery> writer, List<EncodedDelivery> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            writer.WriteOptions = i < batch.Count - 1 ? Buffered : null;
            await writer.WriteAsync(batch[i]).ConfigureAwait(false);
        }
    }

    private bool ShouldDeliver(Partner caller, MessageFilter filter, RecentMessage message, long areaId, long registeredAfter)
    {
        // Messages added after registration carry the index's verdict; older ones are tested here.
        var inArea = filter.Area is null
            || (areaId != 0 && message.Stored.Cursor > registeredAfter ? message.AreaMatches.Contains(areaId) : filter.MatchesArea(message.Shape));
        if (!inArea || !Visible(caller, filter, message.Stored, message.Envelope))
        {
            return false;
        }

        if (telemetry is not null && telemetry.Lag.Enabled)
        {
            telemetry.Lag.Record((time.GetUtcNow() - message.Stored.StoredAt).TotalSeconds);
        }

        return true;
    }

    private bool Visible(Partner caller, MessageFilter filter, StoredMessage stored, Envelope envelope)
    {
        if (!Visibility.CanSee(caller, envelope) || !filter.Matches(stored, envelope, time.GetUtcNow(), currentOnly: false))
        {
            return false;
        }

        telemetry?.Deliveries.Add(1);
        return true;
    }
}
