using System.Collections.Concurrent;
using System.Globalization;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// SUB-010: faults deep in a stream. The other subscription checks read a handful of deliveries; a hub that drops,
/// repeats, reorders or corrupts the 50th or the 200th passes them. This check publishes <see cref="Count"/> messages
/// of about 2 KB each (together well over one HTTP/2 flow-control window, and from several publishers at once so the
/// hub writes them in many batches), reads them on a live stream while they are published and again on a replay, and
/// checks every delivery: its cursor is the one Publish returned, cursors strictly increase, nothing is missing or
/// repeated, and the payload is byte for byte what was published (the last two through <see cref="CallAudit"/>).
/// </summary>
internal static class LongStreamCheck
{
    /// <summary>How many messages the stream carries.</summary>
    public const int Count = 300;

    private const int Publishers = 8;
    private const int MaxResumes = 20;

    public static ConformanceCheck Create() => new(
        "SUB-010", ConformanceCapability.Subscribe, "docs/protocol.md §7.3 (delivery), §7.5 (falling behind)",
        $"A long stream ({Count} messages of 2 KB, several flow-control windows, many write batches) delivers every message once, in cursor order, intact: live while they are published, and on replay.",
        async (c, ct) =>
        {
            var start = (await c.MarkerAsync("SUB-010", ct).ConfigureAwait(false)).Cursor;
            var prefix = c.NewId("SUB-010") + "-";
            var end = prefix + "end";
            var filter = new Filter { Senders = { c.Identities.CityA.PartnerId } };
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(75));

            // after_cursor, not from_now: the live stream cannot miss what is published before the hub starts it.
            var live = ReadAsync(c, (ulong)start, filter, prefix, end, limit.Token);
            var published = await PublishAsync(c, prefix, limit.Token).ConfigureAwait(false);
            await c.PublishAsync(c.Identities.CityA, ConformanceContext.Alert(c.Identities.CityA, end), limit.Token).ConfigureAwait(false);
            Verify(published, await live.ConfigureAwait(false), "the live stream");
            Verify(published, await ReadAsync(c, (ulong)start, filter, prefix, end, limit.Token).ConfigureAwait(false), "the replay");
        });

    /// <summary>Publishes the messages from several publishers at once; returns each id's cursor.</summary>
    private static async Task<IReadOnlyDictionary<string, ulong>> PublishAsync(ConformanceContext c, string prefix, CancellationToken ct)
    {
        var cursors = new ConcurrentDictionary<string, ulong>();
        var next = -1;
        var padding = new string('x', 2000);
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Count; i = Interlocked.Increment(ref next))
            {
                var id = prefix + i.ToString("D3", CultureInfo.InvariantCulture);
                var alert = ConformanceContext.Alert(c.Identities.CityA, id);
                alert = alert with { Info = [alert.Info[0] with { Description = $"Message {i} of {Count} of a long stream. {padding}" }] };
                cursors[id] = (await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false)).Cursor;
            }
        }, ct))).ConfigureAwait(false);
        return cursors;
    }

    /// <summary>
    /// Reads a subscription after <paramref name="after"/> until <paramref name="end"/> arrives, keeping this check's
    /// deliveries; a RESOURCE_EXHAUSTED with a resume cursor (§7.5) is followed by a resumed stream, as a client does.
    /// </summary>
    private static async Task<List<(ulong Cursor, string Id)>> ReadAsync(ConformanceContext c, ulong after, Filter filter, string prefix, string end, CancellationToken ct)
    {
        var own = new List<(ulong Cursor, string Id)>();
        var resumes = 0;
        while (true)
        {
            try
            {
                await foreach (var delivery in c.SubscribeAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = after, Filter = filter }, ct).ConfigureAwait(false))
                {
                    after = delivery.Cursor;
                    if (delivery.Envelope.Id == end)
                    {
                        return own;
                    }

                    if (delivery.Envelope.Id.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        own.Add((delivery.Cursor, delivery.Envelope.Id));
                    }
                }

                throw new ConformanceFailedException($"the stream to go on to {end}", $"it ended with OK after {own.Count} of {Count} messages");
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && resumes < MaxResumes
                && ulong.TryParse(ex.Trailers.GetValue(ExchangeMetadata.ResumeCursor), NumberStyles.None, CultureInfo.InvariantCulture, out var resume))
            {
                // Fell behind while the publishers ran: resume where the hub says, as §7.5 tells a client to.
                resumes++;
                after = resume;
            }
            catch (RpcException ex) when (!ConformanceContext.IsCancellation(ex))
            {
                throw new ConformanceFailedException($"the stream to deliver {end}", $"it ended with {ConformanceContext.Describe(ex)} after {own.Count} of {Count} messages");
            }
            catch (Exception ex) when (ConformanceContext.IsCancellation(ex) && !ct.IsCancellationRequested)
            {
                throw new ConformanceFailedException($"the stream to deliver {end}", $"{own.Count} of {Count} messages and then nothing");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw new ConformanceFailedException($"all {Count} messages and {end} within 75 s", $"{own.Count} of them by then (last: {(own.Count > 0 ? own[^1].Id : "none")})");
            }
        }
    }

    /// <summary>Every published message once, at its cursor, in cursor order; says exactly what is missing, repeated or out of place.</summary>
    private static void Verify(IReadOnlyDictionary<string, ulong> published, List<(ulong Cursor, string Id)> received, string stream)
    {
        var repeated = received.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key} (cursors {string.Join(" and ", g.Select(r => r.Cursor))})").ToList();
        if (repeated.Count > 0)
        {
            throw new ConformanceFailedException($"each of the {Count} messages once in {stream}", $"repeated: {string.Join(", ", repeated.Take(5))}");
        }

        if (received.FirstOrDefault(r => published.TryGetValue(r.Id, out var cursor) && cursor != r.Cursor) is { Id: not null } moved)
        {
            throw new ConformanceFailedException($"{moved.Id} in {stream} at the cursor Publish returned, {published[moved.Id]}", $"cursor {moved.Cursor}");
        }

        for (var i = 1; i < received.Count; i++)
        {
            if (received[i].Cursor <= received[i - 1].Cursor)
            {
                throw new ConformanceFailedException($"{stream} in strictly increasing cursor order",
                    $"delivery {i + 1} is cursor {received[i].Cursor}:{received[i].Id} after {received[i - 1].Cursor}:{received[i - 1].Id}");
            }
        }

        var seen = received.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var missing = published.Where(p => !seen.Contains(p.Key)).OrderBy(p => p.Value).ToList();
        if (missing.Count > 0)
        {
            var (cursor, id) = (missing[0].Value, missing[0].Key);
            var before = received.LastOrDefault(r => r.Cursor < cursor);
            var afterIt = received.FirstOrDefault(r => r.Cursor > cursor);
            throw new ConformanceFailedException($"all {Count} messages in {stream}",
                $"{missing.Count} missing, first {cursor}:{id} (number {published.Values.Count(v => v <= cursor)} of {Count} by cursor), between delivered cursors {before.Cursor} and {afterIt.Cursor}"
                + (missing.Count > 1 ? $"; also {string.Join(", ", missing.Skip(1).Take(5).Select(m => $"{m.Value}:{m.Key}"))}" : string.Empty));
        }
    }
}
