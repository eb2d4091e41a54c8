using CityRisk.Alerts;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>The get / query capability (docs/protocol.md §3.5, §5, §6.3, §6.4, §6.6).</summary>
internal static class QueryChecks
{
    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("QRY-001", ConformanceCapability.Query, "docs/protocol.md §6.3 (Get)", "Get returns what was published: the same cursor and payload, a schema-valid document.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("QRY-001"));
            var envelope = ConformanceContext.EnvelopeOf(c.Identities.CityA, alert);
            var published = await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            foreach (var reader in new[] { c.Identities.CityA, c.Identities.CityB })
            {
                var (got, error) = await c.TryGetAsync(reader, c.Identities.CityA.PartnerId, alert.Identifier, ct).ConfigureAwait(false);
                if (got is null)
                {
                    throw new ConformanceFailedException($"{reader.PartnerId} to get the Public {alert.Identifier}", ConformanceContext.Describe(error!));
                }

                if (got.Cursor != published.Cursor || got.Envelope.Payload != envelope.Payload || got.Envelope.Sender != c.Identities.CityA.PartnerId)
                {
                    throw new ConformanceFailedException($"cursor {published.Cursor}, sender {c.Identities.CityA.PartnerId} and the published payload", $"cursor {got.Cursor}, sender {got.Envelope.Sender}, {got.Envelope.Payload.Length} payload bytes");
                }
            }
        });

        yield return new("QRY-002", ConformanceCapability.Query, "docs/protocol.md §6.3 (Get: NOT_FOUND)", "Get of a message that does not exist is NOT_FOUND.", async (c, ct) =>
        {
            var id = c.NewId("QRY-002") + "-never-published";
            await c.ExpectNotFoundAsync(c.Identities.CityA, c.Identities.CityA.PartnerId, id, $"NOT_FOUND for {id}, never published", ct).ConfigureAwait(false);
        });

        yield return new("QRY-003", ConformanceCapability.Query, "docs/protocol.md §6.4 (Query: paging)", "Query pages through every match, oldest first, without repeats or gaps, whatever the page size.", async (c, ct) =>
        {
            var ids = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("QRY-003"));
                await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
                ids.Add(alert.Identifier);
            }

            var filter = new Filter { Senders = { c.Identities.CityA.PartnerId } };
            var all = await c.QueryAllAsync(c.Identities.CityB, filter, 2, ct).ConfigureAwait(false);
            ConformanceContext.ExpectIncreasingCursors(all, "query results");
            var own = c.OwnIds(all).Where(ids.Contains).ToList();
            if (!own.SequenceEqual(ids))
            {
                throw new ConformanceFailedException($"the five alerts in publish order across pages of 2 ({string.Join(", ", ids)})", string.Join(", ", own));
            }
        });

        yield return new("QRY-004", ConformanceCapability.Query, "docs/protocol.md §6.6 (filters)", "Query filters by sender, minimum level, jurisdiction and area; every set criterion must match.", async (c, ct) =>
        {
            var red = ConformanceContext.Alert(c.Identities.CityA, c.NewId("QRY-004") + "-red", level: WarningLevel.Red);
            var blueFar = ConformanceContext.Alert(c.Identities.CityA, c.NewId("QRY-004") + "-blue-far", level: WarningLevel.Blue, area: ConformanceContext.Outside, geocode: "340100");
            var fromB = ConformanceContext.Alert(c.Identities.CityB, c.NewId("QRY-004") + "-city-b", level: WarningLevel.Red);
            await c.PublishAsync(c.Identities.CityA, red, ct).ConfigureAwait(false);
            await c.PublishAsync(c.Identities.CityA, blueFar, ct).ConfigureAwait(false);
            await c.PublishAsync(c.Identities.CityB, fromB, ct).ConfigureAwait(false);
            var mine = new[] { red.Identifier, blueFar.Identifier, fromB.Identifier };

            async Task ExpectAsync(string what, Filter filter, params string[] expected)
            {
                var got = c.OwnIds(await c.QueryAllAsync(c.Identities.CityB, filter, 100, ct).ConfigureAwait(false)).Where(mine.Contains).ToList();
                if (!got.SequenceEqual(expected))
                {
                    throw new ConformanceFailedException($"{what} to select {(expected.Length == 0 ? "nothing" : string.Join(", ", expected))}", got.Count == 0 ? "nothing" : string.Join(", ", got));
                }
            }

            await ExpectAsync("senders", new Filter { Senders = { c.Identities.CityA.PartnerId } }, red.Identifier, blueFar.Identifier).ConfigureAwait(false);
            await ExpectAsync("min_level Orange", new Filter { MinLevel = Protocol.V1.WarningLevel.Orange, Senders = { c.Identities.CityA.PartnerId, c.Identities.CityB.PartnerId } }, red.Identifier, fromB.Identifier).ConfigureAwait(false);
            await ExpectAsync("jurisdictions 340000 (Anhui)", new Filter { Jurisdictions = { "340000" }, Senders = { c.Identities.CityA.PartnerId } }, blueFar.Identifier).ConfigureAwait(false);
            await ExpectAsync("an area around Hefei", new Filter { Area = new AreaFilter { BoundingBox = new BoundingBox { West = 116.9, South = 31.5, East = 117.6, North = 32.1 } }, Senders = { c.Identities.CityA.PartnerId } }, blueFar.Identifier).ConfigureAwait(false);
            await ExpectAsync("senders and min_level together", new Filter { Senders = { c.Identities.CityA.PartnerId }, MinLevel = Protocol.V1.WarningLevel.Red }, red.Identifier).ConfigureAwait(false);
        });

        yield return new("QRY-005", ConformanceCapability.Query, "docs/protocol.md §3.5 (alert threads), §6.4 (current state)", "Query shows the current state of an alert thread: an Update supersedes what it references; include_superseded brings the history back.", async (c, ct) =>
        {
            var original = ConformanceContext.Alert(c.Identities.CityA, c.NewId("QRY-005") + "-alert");
            await c.PublishAsync(c.Identities.CityA, original, ct).ConfigureAwait(false);
            var update = ConformanceContext.Alert(c.Identities.CityA, c.NewId("QRY-005") + "-update", level: WarningLevel.Orange, type: AlertMessageType.Update,
                references: [new AlertReference(original.Sender, original.Identifier, original.Sent)]);
            await c.PublishAsync(c.Identities.CityA, update, ct).ConfigureAwait(false);
            var mine = new[] { original.Identifier, update.Identifier };
            var current = c.OwnIds(await c.QueryAllAsync(c.Identities.CityB, new Filter { Senders = { c.Identities.CityA.PartnerId } }, 100, ct).ConfigureAwait(false)).Where(mine.Contains).ToList();
            if (!current.SequenceEqual([update.Identifier]))
            {
                throw new ConformanceFailedException($"only the Update {update.Identifier} in the current view", string.Join(", ", current));
            }

            var history = c.OwnIds(await c.QueryAllAsync(c.Identities.CityB, new Filter { Senders = { c.Identities.CityA.PartnerId }, IncludeSuperseded = true }, 100, ct).ConfigureAwait(false)).Where(mine.Contains).ToList();
            if (!history.SequenceEqual(mine))
            {
                throw new ConformanceFailedException($"both with include_superseded ({string.Join(", ", mine)})", string.Join(", ", history));
            }
        });
    }
}
