using System.Globalization;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using CityRisk.Wire.V1;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Subscribe: deliveries that match the filter and that the caller may see, in cursor order, from a cursor, from
/// now or from the beginning. Catch-up reads the store at the subscriber's pace; live delivery follows
/// <see cref="RecentMessages"/>. A live subscriber that falls more than <c>maxLag</c> messages behind the log
/// ends with RESOURCE_EXHAUSTED and the <c>cityrisk-resume-cursor</c> trailer. Nothing a subscriber does holds
/// the hub back: publishers never wait for subscribers, and nothing is buffered per subscriber beyond the
/// batch being written (at most 256 messages; HTTP/2 flow control bounds what is in flight).
/// </summary>
internal sealed class SubscriptionService(ExchangeService exchange, IExchangeStore store, RecentMessages recent, TimeProvider time, int maxLag, ExchangeTelemetry? telemetry = null)
{
    private const int BatchSize = 256;

    public void Map(GrpcServiceBuilder builder) => Map(builder, () => this);

    public static void Map(GrpcServiceBuilder builder, Func<SubscriptionService> resolve) =>
        builder.MapServerStreaming<SubscribeRequest, Delivery>("Subscribe", SubscribeRequest.Parser, (r, w, c) => resolve().SubscribeAsync(r, w, c));

    public async Task SubscribeAsync(SubscribeRequest request, IServerStreamWriter<Delivery> writer, GrpcServerCallContext context) =>
        await exchange.Observe("Subscribe", SubscribeCoreAsync(request, writer, context)).ConfigureAwait(false);

    private async Task<bool> SubscribeCoreAsync(SubscribeRequest request, IServerStreamWriter<Delivery> writer, GrpcServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        if (MessageFilter.Problems(request.Filter) is { Count: > 0 } problems)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, $"The filter is invalid: {string.Join("; ", problems)}.");
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
            throw new GrpcStatusException(GrpcStatusCode.OutOfRange, $"Cursor {position} is beyond the end of this hub's log ({recent.LastCursor}); cursors belong to the hub that gave them.");
        }

        var cancellationToken = context.CancellationToken;
        await writer.SendHeadersAsync(new Dictionary<string, string> { [GrpcProtocol.StartCursorHeader] = position.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);

        // An area subscription joins the spatial index: live messages are matched against it once, when added.
        var (areaId, registeredAfter) = filter.Area is { } area ? recent.RegisterArea(area) : (0L, long.MaxValue);
        try
        {
            return await StreamAsync(caller, filter, position, areaId, registeredAfter, writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (areaId != 0)
            {
                recent.UnregisterArea(areaId);
            }
        }
    }

    private async Task<bool> StreamAsync(Partner caller, MessageFilter filter, long position, long areaId, long registeredAfter, IServerStreamWriter<Delivery> writer, CancellationToken cancellationToken)
    {
        var caughtUp = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var live = recent.ReadAfter(position, BatchSize, out var inWindow, out var changed);
            if (caughtUp && recent.LastCursor - position > maxLag)
            {
                // Live, then fell behind: cut off rather than let it drag on; it resumes (and catches up) from its cursor.
                throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted,
                    $"The subscriber fell {recent.LastCursor - position} messages behind the log (the limit is {maxLag}); resume from cursor {position}.",
                    new Dictionary<string, string> { [GrpcProtocol.ResumeCursorTrailer] = position.ToString(CultureInfo.InvariantCulture) });
            }

            if (!inWindow)
            {
                // Catching up: older than the shared window, read from the store.
                var batch = await store.ReadAfterAsync(position, BatchSize, cancellationToken).ConfigureAwait(false);
                var written = false;
                foreach (var stored in batch)
                {
                    var envelope = Envelope.Parser.ParseFrom(stored.Envelope);
                    var inArea = filter.Area is null || filter.MatchesArea(MessageFilter.ShapeOf(stored));
                    if (ShouldDeliver(caller, filter, stored, envelope, inArea))
                    {
                        writer.WriteFrame(DeliveryFrame.Encode(stored.Cursor, stored.Envelope));
                        written = true;
                    }

                    position = stored.Cursor;
                }

                await FlushAsync(writer, written, live: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            caughtUp = true;
            if (live.Count == 0)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Every ready message is written, then flushed once: one write to the connection per wake, not per message.
            var any = false;
            foreach (var message in live)
            {
                // Messages added after registration carry the index's verdict; older ones are tested here.
                var inArea = filter.Area is null
                    || (message.Stored.Cursor > registeredAfter ? message.AreaMatches.Contains(areaId) : filter.MatchesArea(message.Shape));
                if (ShouldDeliver(caller, filter, message.Stored, message.Envelope, inArea))
                {
                    writer.WriteFrame(message.DeliveryFrame.Span);
                    any = true;
                }

                position = message.Stored.Cursor;
            }

            await FlushAsync(writer, any, live[0].Stored, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    private bool ShouldDeliver(Partner caller, MessageFilter filter, StoredMessage stored, Envelope envelope, bool inArea)
    {
        if (!inArea || !Visibility.CanSee(caller, envelope) || !filter.Matches(stored, envelope, time.GetUtcNow(), currentOnly: false))
        {
            return false;
        }

        telemetry?.Deliveries.Add(1);
        return true;
    }

    private async Task FlushAsync(IServerStreamWriter<Delivery> writer, bool written, StoredMessage? live, CancellationToken cancellationToken)
    {
        if (!written)
        {
            return;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (live is not null)
        {
            // Lag of the oldest message in the batch: how long the slowest of them waited for this subscriber.
            telemetry?.Lag.Record((time.GetUtcNow() - live.StoredAt).TotalSeconds);
        }
    }
}
