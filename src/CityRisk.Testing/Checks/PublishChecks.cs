using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Problem = CityRisk.Problems.Problem;
using ProblemSeverity = CityRisk.Problems.ProblemSeverity;

namespace CityRisk.Testing;

/// <summary>The publish capability (docs/protocol.md §2 to §4, §8).</summary>
internal static class PublishChecks
{
    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("PUB-001", ConformanceCapability.Publish, "docs/protocol.md §6.1 (Publish)", "A valid alert is accepted with a cursor, not as a duplicate.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-001"));
            var response = await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            if (response.Duplicate)
            {
                throw new ConformanceFailedException($"a first publish of {alert.Identifier} to be new", "duplicate = true");
            }
        });

        yield return new("PUB-002", ConformanceCapability.Publish, "docs/protocol.md §3.2 (duplicates)", "The same (sender, id) with the same content again is a duplicate with the original cursor; nothing new is stored.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-002"));
            var first = await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            var again = await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            if (!again.Duplicate || again.Cursor != first.Cursor)
            {
                throw new ConformanceFailedException($"duplicate = true at the original cursor {first.Cursor}", $"duplicate = {again.Duplicate.ToString().ToLowerInvariant()} at cursor {again.Cursor}");
            }

            var marker = await c.MarkerAsync("PUB-002", ct).ConfigureAwait(false);
            var log = await c.CollectAsync(c.Identities.CityA, new SubscribeRequest { AfterCursor = first.Cursor - 1, Filter = new Filter { Senders = { c.Identities.CityA.PartnerId } } }, marker.Id, ct).ConfigureAwait(false);
            var copies = log.Count(d => d.Envelope.Id == alert.Identifier);
            if (copies != 1)
            {
                throw new ConformanceFailedException($"{alert.Identifier} once in the log", $"{copies} times");
            }
        });

        yield return new("PUB-003", ConformanceCapability.Publish, "docs/protocol.md §3.3 (conflicts)", "The same (sender, id) with different content is ALREADY_EXISTS, and the original stays.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-003"), level: WarningLevel.Yellow);
            await c.PublishAsync(c.Identities.CityA, alert, ct).ConfigureAwait(false);
            var changed = alert with { Info = [alert.Info[0] with { Level = WarningLevel.Red, Headline = "changed" }] };
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, ConformanceContext.EnvelopeOf(c.Identities.CityA, changed), ct), StatusCode.AlreadyExists,
                $"{alert.Identifier} published again with other content").ConfigureAwait(false);
            var (got, error) = await c.TryGetAsync(c.Identities.CityA, c.Identities.CityA.PartnerId, alert.Identifier, ct).ConfigureAwait(false);
            if (got is null || got.Envelope.Level != Protocol.V1.WarningLevel.Yellow)
            {
                throw new ConformanceFailedException("the original (Yellow) to stay", got is null ? ConformanceContext.Describe(error!) : $"level {got.Envelope.Level}");
            }
        });

        yield return new("PUB-004", ConformanceCapability.Publish, "docs/protocol.md §2.3 (sender binding)", "Publishing with another partner's id as the envelope sender is PERMISSION_DENIED, and nothing is stored.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityB, c.NewId("PUB-004"));
            var spoofed = ConformanceContext.EnvelopeOf(c.Identities.CityB, alert);
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, spoofed, ct), StatusCode.PermissionDenied,
                $"{c.Identities.CityA.PartnerId} publishing as {c.Identities.CityB.PartnerId}").ConfigureAwait(false);
            await ExpectNotStoredAsync(c, c.Identities.CityB, alert.Identifier, ct).ConfigureAwait(false);
        });

        yield return new("PUB-005", ConformanceCapability.Publish, "docs/protocol.md §2.4 (CAP senders)", "A CAP <sender> not registered for the publishing partner is PERMISSION_DENIED.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-005")) with { Sender = c.Identities.CityB.CapSender };
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, ConformanceContext.EnvelopeOf(c.Identities.CityA, alert), ct), StatusCode.PermissionDenied,
                $"{c.Identities.CityA.PartnerId} using {c.Identities.CityB.PartnerId}'s CAP sender {c.Identities.CityB.CapSender}").ConfigureAwait(false);
            await ExpectNotStoredAsync(c, c.Identities.CityA, alert.Identifier, ct).ConfigureAwait(false);
        });

        yield return new("PUB-006", ConformanceCapability.Publish, "docs/protocol.md §4.1 (the payload is the source of truth)", "An envelope that disagrees with its payload is INVALID_ARGUMENT with ENVELOPE-MISMATCH naming the field, and nothing is stored.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-006"), level: WarningLevel.Blue);
            var envelope = ConformanceContext.EnvelopeOf(c.Identities.CityA, alert);
            envelope.Level = Protocol.V1.WarningLevel.Red;
            var refused = await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, envelope, ct), StatusCode.InvalidArgument, "an envelope saying Red for a Blue alert").ConfigureAwait(false);
            var problems = ConformanceContext.ProblemsOf(refused, "the mismatch");
            if (!problems.Any(p => p.Code == ProblemCodes.EnvelopeMismatch && p.Path == "level"))
            {
                throw new ConformanceFailedException("a problem ENVELOPE-MISMATCH at level", Codes(problems));
            }

            await ExpectNotStoredAsync(c, c.Identities.CityA, alert.Identifier, ct).ConfigureAwait(false);
        });

        yield return new("PUB-007", ConformanceCapability.Publish, "docs/protocol.md §5.2 (a Restricted message needs roles)", "A Restricted alert without restriction roles is INVALID_ARGUMENT with ENVELOPE-MISMATCH at restriction_roles.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-007"), scope: AlertScope.Restricted);
            var refused = await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, ConformanceContext.EnvelopeOf(c.Identities.CityA, alert), ct), StatusCode.InvalidArgument, "a Restricted alert without roles").ConfigureAwait(false);
            var problems = ConformanceContext.ProblemsOf(refused, "the missing roles");
            if (!problems.Any(p => p.Code == ProblemCodes.EnvelopeMismatch && p.Path == "restriction_roles"))
            {
                throw new ConformanceFailedException("a problem ENVELOPE-MISMATCH at restriction_roles", Codes(problems));
            }
        });

        yield return new("PUB-008", ConformanceCapability.Publish, "docs/protocol.md §4.3 (content types)", "An unknown kind, or an unsupported content type, is INVALID_ARGUMENT.", async (c, ct) =>
        {
            var alert = ConformanceContext.Alert(c.Identities.CityA, c.NewId("PUB-008"));
            var unknownKind = ConformanceContext.EnvelopeOf(c.Identities.CityA, alert);
            unknownKind.Kind = "weather-gossip";
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, unknownKind, ct), StatusCode.InvalidArgument, "kind 'weather-gossip'").ConfigureAwait(false);
            var unknownVersion = ConformanceContext.EnvelopeOf(c.Identities.CityA, alert);
            unknownVersion.ContentType = "application/vnd.cityrisk+json; kind=alert; v=9";
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, unknownVersion, ct), StatusCode.InvalidArgument, "content type version 9").ConfigureAwait(false);
            await ExpectNotStoredAsync(c, c.Identities.CityA, alert.Identifier, ct).ConfigureAwait(false);
        });

        foreach (var vector in ConformanceVector.All)
        {
            yield return Vector(vector);
        }
    }

    /// <summary>A vector: a valid one is accepted and comes back byte for byte; an invalid one is refused with exactly its problem codes, and not stored.</summary>
    private static ConformanceCheck Vector(ConformanceVector vector) => new(
        $"PUB-V-{vector.Id}",
        ConformanceCapability.Publish,
        vector.IsValid ? "docs/protocol.md §4.4 (validation), §9 (documents)" : $"docs/protocol.md §4.4 (validation), §8.3 (stable codes): {string.Join(", ", vector.ExpectedProblems)}",
        vector.IsValid ? $"Vector {vector.Id} is accepted and comes back unchanged: {vector.Description}" : $"Vector {vector.Id} is refused with {string.Join(", ", vector.ExpectedProblems)}: {vector.Description}",
        async (c, ct) =>
        {
            var party = c.Identities.CityA;
            var id = c.NewId("PUB-V");
            var document = vector.Render(id, party.CapSender, ConformanceContext.Now());
            var envelope = EnvelopeFor(vector, document, id, party, c.Identities);
            try
            {
                await c.CallPublishAsync(party, envelope, ct).ConfigureAwait(false);
                if (!vector.IsValid)
                {
                    throw new ConformanceFailedException($"INVALID_ARGUMENT with {string.Join(", ", vector.ExpectedProblems)}", "OK: the invalid document was accepted");
                }
            }
            catch (RpcException ex)
            {
                if (vector.IsValid)
                {
                    throw new ConformanceFailedException("the valid document to be accepted", ConformanceContext.Describe(ex));
                }

                if (ex.StatusCode != StatusCode.InvalidArgument)
                {
                    throw new ConformanceFailedException($"INVALID_ARGUMENT with {string.Join(", ", vector.ExpectedProblems)}", ConformanceContext.Describe(ex));
                }

                var errors = ConformanceContext.ProblemsOf(ex, vector.Id).Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
                if (!errors.SetEquals(vector.ExpectedProblems))
                {
                    throw new ConformanceFailedException($"exactly the error codes {string.Join(", ", vector.ExpectedProblems)}", errors.Count == 0 ? "none" : string.Join(", ", errors.Order(StringComparer.Ordinal)));
                }

                await ExpectNotStoredAsync(c, party, id, ct).ConfigureAwait(false);
                return;
            }

            var (got, error) = await c.TryGetAsync(party, party.PartnerId, id, ct).ConfigureAwait(false);
            if (got is null)
            {
                throw new ConformanceFailedException($"Get of the accepted {id}", ConformanceContext.Describe(error!));
            }

            if (!got.Envelope.Payload.Span.SequenceEqual(document))
            {
                throw new ConformanceFailedException("the payload back byte for byte as published", $"{got.Envelope.Payload.Length} bytes that differ");
            }
        });

    /// <summary>The envelope a correct client would send: derived from the document where it can be read, minimal where it cannot.</summary>
    private static Envelope EnvelopeFor(ConformanceVector vector, byte[] document, string id, ConformanceParty party, ConformanceIdentities identities)
    {
        var codec = DocumentCodecs.Default.Get<Alert>(vector.Format);
        var contentType = codec.MediaType;
        var read = codec.Read(document, validate: false);
        var roles = vector.RestrictionRoles.Select(r => r == "lifeline-operator" ? identities.LifelineRole : r).ToArray();
        if (read.Value is { } alert)
        {
            return AlertEnvelope.Create(alert, party.PartnerId, document, contentType, roles);
        }

        return new Envelope { Id = id, Kind = DocumentKinds.Alert, Sender = party.PartnerId, ContentType = contentType, Payload = ByteString.CopyFrom(document) };
    }

    private static Task ExpectNotStoredAsync(ConformanceContext c, ConformanceParty owner, string id, CancellationToken ct) =>
        c.ExpectNotFoundAsync(owner, owner.PartnerId, id, $"NOT_FOUND for the refused {owner.PartnerId}/{id}: nothing stored", ct);

    private static string Codes(IEnumerable<Problem> problems) => string.Join(", ", problems.Select(p => $"{p.Code} at {p.Path}")) is { Length: > 0 } text ? text : "no problems";
}
