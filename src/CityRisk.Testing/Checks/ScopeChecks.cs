using CityRisk.Alerts;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>The scope capability (docs/protocol.md §5): Restricted and Private never leak, on any read path, nor reveal that they exist.</summary>
internal static class ScopeChecks
{
    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("SCP-001", ConformanceCapability.Scope, "docs/protocol.md §5.2 (Restricted, Get)", "A Restricted alert is readable by its audience's role and by its sender, and NOT_FOUND for everyone else.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SCP-001"), scope: AlertScope.Restricted);
            await c.PublishAsync(c.Identities.CityA, alert, ct, c.Identities.LifelineRole).ConfigureAwait(false);
            await ExpectVisibleAsync(c, c.Identities.LifelineOperator, alert, ct).ConfigureAwait(false);
            await ExpectVisibleAsync(c, c.Identities.CityA, alert, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, c.Identities.Outsider, alert, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, c.Identities.CityB, alert, ct).ConfigureAwait(false);
        });

        yield return new("SCP-002", ConformanceCapability.Scope, "docs/protocol.md §5.2, §5.5 (Restricted, Query and Subscribe)", "A Restricted alert is left out of the queries and subscriptions of those outside its audience, and in those of its audience.", async (c, ct) =>
        {
            var start = (await c.MarkerAsync("SCP-002", ct).ConfigureAwait(false)).Cursor;
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SCP-002"), scope: AlertScope.Restricted);
            await c.PublishAsync(c.Identities.CityA, alert, ct, c.Identities.LifelineRole).ConfigureAwait(false);
            await ExpectReadPathsAsync(c, start, alert.Identifier, visibleTo: [c.Identities.LifelineOperator], hiddenFrom: [c.Identities.Outsider, c.Identities.CityB], ct).ConfigureAwait(false);
        });

        yield return new("SCP-003", ConformanceCapability.Scope, "docs/protocol.md §5.3 (Private)", "A Private alert reaches its recipients and its sender only, on Get, Query and Subscribe.", async (c, ct) =>
        {
            var start = (await c.MarkerAsync("SCP-003", ct).ConfigureAwait(false)).Cursor;
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SCP-003"), scope: AlertScope.Private, addresses: [c.Identities.CityB.PartnerId]);
            await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            await ExpectVisibleAsync(c, c.Identities.CityB, alert, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, c.Identities.Outsider, alert, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, c.Identities.LifelineOperator, alert, ct).ConfigureAwait(false);
            await ExpectReadPathsAsync(c, start, alert.Identifier, visibleTo: [c.Identities.CityB], hiddenFrom: [c.Identities.Outsider, c.Identities.LifelineOperator], ct).ConfigureAwait(false);
        });

        yield return new("SCP-004", ConformanceCapability.Scope, "docs/protocol.md §5.2 (partner references)", "A restriction role 'partner:<id>' admits that partner, whatever its roles.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SCP-004"), scope: AlertScope.Restricted);
            await c.PublishAsync(c.Identities.CityA, alert, ct, $"partner:{c.Identities.Outsider.PartnerId}").ConfigureAwait(false);
            await ExpectVisibleAsync(c, c.Identities.Outsider, alert, ct).ConfigureAwait(false);
            await ExpectHiddenAsync(c, c.Identities.CityB, alert, ct).ConfigureAwait(false);
        });

        yield return new("SCP-005", ConformanceCapability.Scope, "docs/protocol.md §5.5 (no existence leaks)", "A message the caller may not see is answered exactly as one that does not exist: NOT_FOUND with the same message, never PERMISSION_DENIED.", async (c, ct) =>
        {
            var hidden = ConformanceContext.Alert(c.Identities.CityA, c.NewId("SCP-005") + "-hidden", scope: AlertScope.Restricted);
            await c.PublishAsync(c.Identities.CityA, hidden, ct, c.Identities.LifelineRole).ConfigureAwait(false);
            var missing = c.NewId("SCP-005") + "-missing";
            var (_, hiddenError) = await c.TryGetAsync(c.Identities.Outsider, c.Identities.CityA.PartnerId, hidden.Identifier, ct).ConfigureAwait(false);
            var (_, missingError) = await c.TryGetAsync(c.Identities.Outsider, c.Identities.CityA.PartnerId, missing, ct).ConfigureAwait(false);
            if (hiddenError is null || missingError is null)
            {
                throw new ConformanceFailedException("NOT_FOUND for both a hidden and a missing message", hiddenError is null ? "the hidden one was returned" : "the missing one was returned");
            }

            if (hiddenError.StatusCode != missingError.StatusCode || hiddenError.StatusCode != StatusCode.NotFound)
            {
                throw new ConformanceFailedException("NOT_FOUND for both a hidden and a missing message", $"{ConformanceContext.Describe(hiddenError)} for the hidden one, {ConformanceContext.Describe(missingError)} for the missing one");
            }

            var hiddenText = hiddenError.Status.Detail.Replace(hidden.Identifier, "{id}", StringComparison.Ordinal);
            var missingText = missingError.Status.Detail.Replace(missing, "{id}", StringComparison.Ordinal);
            if (hiddenText != missingText)
            {
                throw new ConformanceFailedException("the same message for a hidden and a missing one", $"'{hiddenError.Status.Detail}' against '{missingError.Status.Detail}'");
            }
        });
    }

    private static async Task ExpectVisibleAsync(ConformanceContext c, ConformanceParty reader, Alert alert, CancellationToken ct)
    {
        var (got, error) = await c.TryGetAsync(reader, c.Identities.CityA.PartnerId, alert.Identifier, ct).ConfigureAwait(false);
        if (got is null)
        {
            throw new ConformanceFailedException($"{reader.PartnerId} to get the {alert.Scope} {alert.Identifier}", ConformanceContext.Describe(error!));
        }
    }

    private static Task ExpectHiddenAsync(ConformanceContext c, ConformanceParty reader, Alert alert, CancellationToken ct) =>
        c.ExpectNotFoundAsync(reader, c.Identities.CityA.PartnerId, alert.Identifier, $"NOT_FOUND for {reader.PartnerId} asking for the {alert.Scope} {alert.Identifier}", ct);

    /// <summary>Query and Subscribe: the message is in the results of <paramref name="visibleTo"/> and in nobody else's.</summary>
    private static async Task ExpectReadPathsAsync(ConformanceContext c, long start, string id, ConformanceParty[] visibleTo, ConformanceParty[] hiddenFrom, CancellationToken ct)
    {
        var marker = await c.MarkerAsync("SCOPE", ct).ConfigureAwait(false);
        var filter = new Filter { Senders = { c.Identities.CityA.PartnerId } };
        foreach (var (reader, visible) in visibleTo.Select(p => (p, true)).Concat(hiddenFrom.Select(p => (p, false))))
        {
            var queried = (await c.QueryAllAsync(reader, filter, 1000, ct).ConfigureAwait(false)).Any(d => d.Envelope.Id == id);
            var delivered = (await c.CollectAsync(reader, new SubscribeRequest { AfterCursor = (ulong)start, Filter = filter }, marker.Id, ct).ConfigureAwait(false)).Any(d => d.Envelope.Id == id);
            if (queried != visible || delivered != visible)
            {
                var expected = visible ? $"{id} in the Query and Subscribe results of {reader.PartnerId}" : $"{id} in neither the Query nor the Subscribe results of {reader.PartnerId}";
                throw new ConformanceFailedException(expected, $"Query {(queried ? "returned it" : "did not return it")}, Subscribe {(delivered ? "delivered it" : "did not deliver it")}");
            }
        }
    }
}
