using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>The subscribe capability (docs/protocol.md §6.5, §7).</summary>
internal static class SubscribeChecks
{
    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("SUB-001", ConformanceCapability.Subscribe, "docs/protocol.md §7.3 (delivery in cursor order)", "A subscription after a cursor replays what followed it, each once, in strictly increasing cursor order.", async (c, ct) =>
        {
            var (start, published) = await PublishSeveralAsync(c, "SUB-001", 4, ct).ConfigureAwait(false);
            var marker = await c.MarkerAsync("SUB-001", ct).ConfigureAwait(false);
            var received = await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = (ulong)start }, marker.Id, ct).ConfigureAwait(false);
            var own = c.OwnIds(received).Where(published.Contains).ToList();
            if (!own.SequenceEqual(published))
            {
                throw new ConformanceFailedException($"{string.Join(", ", published)} in order", string.Join(", ", own));
            }
        });

        yield return new("SUB-002", ConformanceCapability.Subscribe, "docs/protocol.md §6.5 (after_cursor), §7.4 (resuming)", "after_cursor starts strictly after that cursor.", async (c, ct) =>
        {
            var (_, published) = await PublishSeveralAsync(c, "SUB-002", 3, ct).ConfigureAwait(false);
            var (got, _) = await c.TryGetAsync(c.Identities.CityA, c.Identities.CityA.PartnerId, published[1], ct).ConfigureAwait(false);
            var marker = await c.MarkerAsync("SUB-002", ct).ConfigureAwait(false);
            var received = await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = got!.Cursor }, marker.Id, ct).ConfigureAwait(false);
            if (received.Any(d => d.Cursor <= got.Cursor))
            {
                throw new ConformanceFailedException($"no delivery at or before cursor {got.Cursor}", ConformanceContext.Ids(received.Where(d => d.Cursor <= got.Cursor)));
            }

            var own = c.OwnIds(received).Where(published.Contains).ToList();
            if (!own.SequenceEqual([published[2]]))
            {
                throw new ConformanceFailedException($"only {published[2]}", string.Join(", ", own));
            }
        });

        yield return new("SUB-003", ConformanceCapability.Subscribe, "docs/protocol.md §7.2 (from now, the start cursor)", "from_now delivers only what is published after the call starts, and its cityrisk-start-cursor, when sent, lies between.", async (c, ct) =>
        {
            var (_, before) = await PublishSeveralAsync(c, "SUB-003", 1, ct).ConfigureAwait(false);
            var beforeCursor = c.Ledger.CursorOf(before[0]) ?? 0;
            var after = c.NewId("SUB-003") + "-after";
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(20));
            // The stream is open once its response headers arrive (they carry cityrisk-start-cursor): publish then. Headers
            // are a SHOULD (§7.2), and intermediaries such as YARP hold them back until the first message, so after 3 s the
            // kit publishes anyway: a hub has had ample time to start the stream.
            var opened = new TaskCompletionSource<Metadata>(TaskCreationOptions.RunContinuationsAsynchronously);
            var collect = c.CollectAsync(c.Identities.CityB, new SubscribeRequest { FromNow = true, Filter = new Filter { Senders = { c.Identities.CityA.PartnerId } } }, after, limit.Token, opened: opened);
            await Task.WhenAny(opened.Task, collect, Task.Delay(TimeSpan.FromSeconds(3), limit.Token)).ConfigureAwait(false);
            if (collect.IsCompleted)
            {
                await collect.ConfigureAwait(false);
            }

            var afterCursor = (await c.PublishAsync(c.Identities.CityA, ConformanceContext.Alert(c.Identities.CityA, after), ct).ConfigureAwait(false)).Cursor;
            var received = await collect.ConfigureAwait(false);
            if (received.Any(d => before.Contains(d.Envelope.Id)))
            {
                throw new ConformanceFailedException($"nothing published before the call ({before[0]})", ConformanceContext.Ids(received));
            }

            if (opened.Task.IsCompletedSuccessfully && opened.Task.Result.GetValue(ExchangeMetadata.StartCursor) is { } text)
            {
                if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start < (ulong)beforeCursor || start >= afterCursor)
                {
                    throw new ConformanceFailedException($"a {ExchangeMetadata.StartCursor} at or after {beforeCursor} (published before the call) and before {afterCursor} (published after it)", $"'{text}'");
                }
            }
        });

        yield return new("SUB-004", ConformanceCapability.Subscribe, "docs/protocol.md §6.6 (filters, on Subscribe)", "Subscribe applies the filter: senders, minimum level and jurisdictions.", async (c, ct) =>
        {
            var start = (await c.MarkerAsync("SUB-004", ct).ConfigureAwait(false)).Cursor;
            var red = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-004") + "-red", level: WarningLevel.Red);
            var blue = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-004") + "-blue", level: WarningLevel.Blue);
            var other = ConformanceContext.Alert(c.Identities.CityB, c.NewId("SUB-004") + "-city-b", level: WarningLevel.Red);
            var end = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-004") + "-end", level: WarningLevel.Red);
            foreach (var (party, alert) in new[] { (c.Identities.CityA, red), (c.Identities.CityA, blue), (c.Identities.CityB, other), (c.Identities.CityA, end) })
            {
                await c.PublishAsync(party, alert, ct).ConfigureAwait(false);
            }

            var received = await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = (ulong)start, Filter = new Filter { Senders = { c.Identities.CityA.PartnerId }, MinLevel = Protocol.V1.WarningLevel.Orange } }, end.Identifier, ct).ConfigureAwait(false);
            var own = c.OwnIds(received);
            if (!own.SequenceEqual([red.Identifier, end.Identifier]))
            {
                throw new ConformanceFailedException($"{red.Identifier}, {end.Identifier} (senders {c.Identities.CityA.PartnerId}, min_level Orange)", string.Join(", ", own));
            }

            // Jurisdictions: city B's alert is in Foshan (440600) like the others; a subscription to Anhui (340000) gets none of them.
            var anhui = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-004") + "-anhui", area: ConformanceContext.Outside, geocode: "340100");
            await c.PublishAsync(c.Identities.CityA, anhui, ct).ConfigureAwait(false);
            var byJurisdiction = c.OwnIds(await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = (ulong)start, Filter = new Filter { Jurisdictions = { "340000" } } }, anhui.Identifier, ct).ConfigureAwait(false));
            if (!byJurisdiction.SequenceEqual([anhui.Identifier]))
            {
                throw new ConformanceFailedException($"only {anhui.Identifier} for jurisdictions 340000", string.Join(", ", byJurisdiction));
            }
        });

        yield return new("SUB-005", ConformanceCapability.Subscribe, "docs/protocol.md §6.6 (area filters)", "An area subscription delivers messages whose areas intersect it, and not the others.", async (c, ct) =>
        {
            var start = (await c.MarkerAsync("SUB-005", ct).ConfigureAwait(false)).Cursor;
            var far = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-005") + "-hefei", area: ConformanceContext.Outside, geocode: "340100");
            var near = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-005") + "-foshan");
            await c.PublishAsync(c.Identities.CityA, far, ct).ConfigureAwait(false);
            await c.PublishAsync(c.Identities.CityA, near, ct).ConfigureAwait(false);
            var foshan = new AreaFilter { BoundingBox = new BoundingBox { West = 112.8, South = 22.8, East = 113.4, North = 23.3 } };
            var received = await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = (ulong)start, Filter = new Filter { Area = foshan, Senders = { c.Identities.CityA.PartnerId } } }, near.Identifier, ct).ConfigureAwait(false);
            if (received.Any(d => d.Envelope.Id == far.Identifier))
            {
                throw new ConformanceFailedException($"no delivery of {far.Identifier} (Hefei) to a Foshan area subscription", "it was delivered");
            }
        });

        yield return new("SUB-006", ConformanceCapability.Subscribe, "docs/protocol.md §7.4 (resuming)", "A client that disconnects and resumes after its last cursor gets the rest: nothing lost, nothing repeated.", async (c, ct) =>
        {
            var (start, published) = await PublishSeveralAsync(c, "SUB-006", 4, ct).ConfigureAwait(false);
            var filter = new Filter { Senders = { c.Identities.CityA.PartnerId } };
            // First connection: read up to the second message, then hang up.
            var first = await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = (ulong)start, Filter = filter }, published[1], ct).ConfigureAwait(false);
            var last = first[^1].Cursor;
            var marker = await c.MarkerAsync("SUB-006", ct).ConfigureAwait(false);
            var second = await c.CollectAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = last, Filter = filter }, marker.Id, ct).ConfigureAwait(false);
            var all = c.OwnIds(first.Concat(second)).Where(published.Contains).ToList();
            if (!all.SequenceEqual(published))
            {
                throw new ConformanceFailedException($"{string.Join(", ", published)} once each across the two connections", string.Join(", ", all));
            }
        });

        yield return new("SUB-007", ConformanceCapability.Subscribe, "docs/protocol.md §7.5 (falling behind)", "A subscriber that falls more than the lag limit behind ends with RESOURCE_EXHAUSTED and a cityrisk-resume-cursor it can resume from.", async (c, ct) =>
        {
            if (c.Identities.MaxSubscriberLag is not { } lag)
            {
                throw new ConformanceSkippedException("the identities file declares no limits.maxSubscriberLag, so the kit cannot know how far behind to fall");
            }

            if (lag > 2000)
            {
                throw new ConformanceSkippedException($"limits.maxSubscriberLag is {lag}; the kit publishes at most 2,000 messages to fall behind (use a test hub with a smaller limit)");
            }

            var start = (await c.MarkerAsync("SUB-007", ct).ConfigureAwait(false)).Cursor;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            var stream = c.SubscribeAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = (ulong)start }, limit.Token).GetAsyncEnumerator(limit.Token);
            await using (stream.ConfigureAwait(false))
            {
                var count = lag + 200;
                var publish = Task.Run(async () =>
                {
                    for (var i = 0; i < count; i++)
                    {
                        await c.PublishAsync(c.Identities.CityA, ConformanceContext.Alert(c.Identities.CityA, c.NewId("SUB-007")), limit.Token).ConfigureAwait(false);
                    }
                }, limit.Token);
                // A slow consumer: it reads the first delivery, then nothing until every message is published.
                if (!await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    throw new ConformanceFailedException("deliveries", "the stream ended at once");
                }

                await publish.ConfigureAwait(false);
                try
                {
                    while (await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                    }

                    throw new ConformanceFailedException($"RESOURCE_EXHAUSTED after falling {count} messages behind (limit {lag})", "the stream ended with OK");
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    var resume = ex.Trailers.GetValue(ExchangeMetadata.ResumeCursor);
                    if (!long.TryParse(resume, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) || cursor < start)
                    {
                        throw new ConformanceFailedException($"a {ExchangeMetadata.ResumeCursor} trailer with a cursor at or after {start}", resume is null ? "no trailer" : $"'{resume}'");
                    }
                }
                catch (RpcException ex) when (!ConformanceContext.IsCancellation(ex))
                {
                    throw new ConformanceFailedException($"RESOURCE_EXHAUSTED after falling {count} messages behind (limit {lag})", ConformanceContext.Describe(ex));
                }
                catch (Exception ex) when (ConformanceContext.IsCancellation(ex) && !ct.IsCancellationRequested)
                {
                    throw new ConformanceFailedException($"RESOURCE_EXHAUSTED after falling {count} messages behind (limit {lag})", "the stream went on for 60 s");
                }
            }
        });

        yield return new("SUB-009", ConformanceCapability.Subscribe, "docs/protocol.md §6.5 (from_beginning)", "from_beginning starts at the oldest message the hub holds, before anything published since.", async (c, ct) =>
        {
            var marker = await c.MarkerAsync("SUB-009", ct).ConfigureAwait(false);
            var first = await FirstAsync(c, new SubscribeRequest { FromBeginning = true }, ct).ConfigureAwait(false);
            if ((long)first.Cursor > marker.Cursor)
            {
                throw new ConformanceFailedException($"a first delivery at or before cursor {marker.Cursor} (a message published before the call)", $"cursor {first.Cursor}");
            }
        });

        yield return LongStreamCheck.Create();

        yield return new("SUB-008", ConformanceCapability.Subscribe, "docs/protocol.md §7.1, §7.2 (cursors are per hub: OUT_OF_RANGE)", "A cursor beyond the end of the log is OUT_OF_RANGE.", async (c, ct) =>
        {
            var marker = await c.MarkerAsync("SUB-008", ct).ConfigureAwait(false);
            var beyond = (ulong)marker.Cursor + 1_000_000_000UL;
            await ConformanceContext.ExpectStatusAsync(async () =>
            {
                await foreach (var _ in c.SubscribeAsync(c.Identities.CityB, new SubscribeRequest { AfterCursor = beyond }, ct, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
                {
                }
            }, StatusCode.OutOfRange, $"after_cursor {beyond}, a billion past the end").ConfigureAwait(false);
        });
    }

    private static async Task<Delivery> FirstAsync(ConformanceContext c, SubscribeRequest request, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var delivery in c.SubscribeAsync(c.Identities.CityB, request, limit.Token).ConfigureAwait(false))
            {
                return delivery;
            }
        }
        catch (Exception ex) when (ConformanceContext.IsCancellation(ex) && !ct.IsCancellationRequested)
        {
            throw new ConformanceFailedException("a first delivery within 10 s", "nothing");
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException("a first delivery", ConformanceContext.Describe(ex));
        }

        throw new ConformanceFailedException("a first delivery", "the stream ended with OK and nothing in it");
    }

    /// <summary>Publishes <paramref name="count"/> Public alerts from city A; returns the cursor before the first and their ids in order.</summary>
    private static async Task<(long Start, List<string> Ids)> PublishSeveralAsync(ConformanceContext c, string checkId, int count, CancellationToken ct)
    {
        var ids = new List<string>();
        long start = -1;
        for (var i = 0; i < count; i++)
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId(checkId));
            var response = await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            start = start < 0 ? (long)response.Cursor - 1 : start;
            ids.Add(alert.Identifier);
        }

        return (start, ids);
    }
}
