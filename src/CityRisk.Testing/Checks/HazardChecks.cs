using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Observation = CityRisk.Hazards.Observation;
using WarningLevel = CityRisk.WarningLevel;
using WireObservation = CityRisk.Protocol.V1.Observation;

namespace CityRisk.Testing;

/// <summary>
/// The hazards capability (docs/hazards.md, docs/protocol.md §3.4, §6.7–6.9): entity revisions, refused rows, the
/// evaluator vectors over the wire, the generated warnings' content and audience, and scope. The lifeline operator
/// owns the hazards; the endpoint must publish warnings (a monitor partner configured).
/// </summary>
internal static class HazardChecks
{
    private static readonly DocumentCodec<Hazard> HazardJson = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson);

    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("HAZ-001", ConformanceCapability.Hazards, "docs/protocol.md §3.4 (entities and revisions)", "A hazard's revisions are taken in order from its owner only; Get by entity returns the latest.", async (c, ct) =>
        {
            var owner = c.Identities.LifelineOperator;
            var hazard = Hazard(owner, c.NewId("HAZ-001"), DocumentScope.Public);
            var first = await RegisterAsync(c, hazard, ct).ConfigureAwait(false);
            var retry = await RegisterAsync(c, hazard, ct).ConfigureAwait(false);
            if (!retry.Duplicate || retry.Cursor != first.Cursor)
            {
                throw new ConformanceFailedException("the same revision again to be a duplicate at the same cursor", $"duplicate {retry.Duplicate}, cursor {retry.Cursor} (first {first.Cursor})");
            }

            var skipped = await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(owner, EnvelopeOf(hazard with { Revision = 3 }), ct), StatusCode.FailedPrecondition, "revision 3 right after 1").ConfigureAwait(false);
            if (!skipped.Status.Detail.Contains('1', StringComparison.Ordinal))
            {
                throw new ConformanceFailedException("FAILED_PRECONDITION naming the current revision (1)", skipped.Status.Detail);
            }

            await RegisterAsync(c, hazard with { Revision = 2, RiskGrade = RiskGrade.Major }, ct).ConfigureAwait(false);
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(owner, EnvelopeOf(hazard with { Revision = 2, RiskGrade = RiskGrade.Low }), ct), StatusCode.AlreadyExists, "revision 2 again with other content").ConfigureAwait(false);
            var stolen = hazard with { Owner = c.Identities.CityA.PartnerId, Revision = 1 };
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(owner, EnvelopeOf(stolen), ct), StatusCode.PermissionDenied, "a hazard owned by another partner").ConfigureAwait(false);

            var latest = await c.Client.GetAsync(new GetRequest { Entity = EntityMessages.Key(DocumentKinds.Hazard, owner.PartnerId, hazard.Id) }, ConformanceContext.As(c.Identities.CityB, ct)).ConfigureAwait(false);
            if (latest.Envelope.Id != EntityMessages.MessageId(DocumentKinds.Hazard, hazard.Id, 2) || HazardJson.Read(latest.Envelope.Payload.Memory).Value?.RiskGrade != RiskGrade.Major)
            {
                throw new ConformanceFailedException($"Get by entity to return revision 2 ({EntityMessages.MessageId(DocumentKinds.Hazard, hazard.Id, 2)})", latest.Envelope.Id);
            }
        });

        yield return new("HAZ-002", ConformanceCapability.Hazards, "docs/protocol.md §6.7 (RecordObservations)", "Each observation of a batch is answered on its own: bad rows refused with their code and field, good rows kept, repeats duplicates.", async (c, ct) =>
        {
            var owner = c.Identities.LifelineOperator;
            var hazard = Hazard(owner, c.NewId("HAZ-002"), DocumentScope.Public);
            await RegisterAsync(c, hazard, ct).ConfigureAwait(false);
            var at = ConformanceContext.Now().AddHours(-1);
            var good = Reading(hazard, at, 10);
            WireObservation[] rows =
            [
                good,
                Reading(hazard, at.AddMinutes(1), 10, indicator: "no-such-indicator"),
                Reading(hazard, at.AddMinutes(2), double.NaN),
                Reading(hazard, at.AddMinutes(3), 10, unit: "mm"),
                Reading(hazard, ConformanceContext.Now().AddHours(3), 10),
                new(good) { ObservedAt = "2026-11-30 08:00" },
                good,
            ];
            string[] expected =
            [
                "recorded", $"INVALID_ARGUMENT {CityRisk.Problems.ProblemCodes.ObservationIndicatorUnknown}@indicator_id", $"INVALID_ARGUMENT {CityRisk.Problems.ProblemCodes.ObservationValueInvalid}@value",
                $"INVALID_ARGUMENT {CityRisk.Problems.ProblemCodes.ObservationUnitMismatch}@unit", $"INVALID_ARGUMENT {CityRisk.Problems.ProblemCodes.ObservationInFuture}@observed_at",
                $"INVALID_ARGUMENT {CityRisk.Problems.ProblemCodes.ObservationTimeInvalid}@observed_at", "duplicate",
            ];
            var response = await RecordAsync(c, owner, rows, ct).ConfigureAwait(false);
            var got = response.Results.Select(Outcome).ToList();
            for (var i = 0; i < expected.Length; i++)
            {
                if (got[i] != expected[i])
                {
                    throw new ConformanceFailedException($"row {i}: {expected[i]}", got[i]);
                }
            }

            var again = await RecordAsync(c, owner, [good], ct).ConfigureAwait(false);
            if (Outcome(again.Results[0]) != "duplicate")
            {
                throw new ConformanceFailedException("the same observation in a later call to be a duplicate", Outcome(again.Results[0]));
            }

            var stolen = await RecordAsync(c, c.Identities.CityA, [good], ct).ConfigureAwait(false);
            if (stolen.Results[0].Error?.Code != (int)StatusCode.PermissionDenied)
            {
                throw new ConformanceFailedException("PERMISSION_DENIED for an observation of another partner's (Public) hazard", Outcome(stolen.Results[0]));
            }

            var stored = await c.Client.QueryObservationsAsync(new QueryObservationsRequest { Hazard = Key(hazard) }, ConformanceContext.As(c.Identities.CityB, ct)).ConfigureAwait(false);
            if (stored.Observations.Count != 1 || stored.Observations[0].Value != 10 || !ObservationMessages.TryParseTime(stored.Observations[0].ObservedAt, out var storedAt) || storedAt != at)
            {
                throw new ConformanceFailedException("QueryObservations to return the one recorded observation", $"{stored.Observations.Count} observation(s)");
            }
        });

        yield return new("HAZ-003", ConformanceCapability.Hazards, "docs/protocol.md §6.7, §6.9 (evaluation as docs/hazards.md specifies it; the conformance/evaluator vectors)", "Readings sent one call each give, after each, the status and the warnings the evaluator vectors expect.", async (c, ct) =>
        {
            foreach (var vector in EvaluatorVectors.All.Where(v => !v.RepeatsAnInstant))
            {
                await RunVectorAsync(c, vector, ct).ConfigureAwait(false);
            }
        });

        yield return new("HAZ-004", ConformanceCapability.Hazards, "docs/protocol.md §6.7, §5 (warnings as docs/hazards.md describes them)", "A crossing publishes a valid CAP warning to the hazard's audience only, naming the reading; recovery publishes its Cancel.", async (c, ct) =>
        {
            var owner = c.Identities.LifelineOperator;
            var hazard = Hazard(owner, c.NewId("HAZ-004"), DocumentScope.Restricted, audience: [$"partner:{c.Identities.CityA.PartnerId}"], duration: TimeSpan.Zero);
            await RegisterAsync(c, hazard, ct).ConfigureAwait(false);
            var at = ConformanceContext.Now().AddMinutes(-30);
            await RecordAsync(c, owner, [Reading(hazard, at, 10), Reading(hazard, at.AddMinutes(1), 105)], ct).ConfigureAwait(false);
            var status = await StatusAsync(c, owner, hazard, ct).ConfigureAwait(false);
            if (status.Level != Protocol.V1.WarningLevel.Orange || status.Warning is null)
            {
                throw new ConformanceFailedException("status Orange with a warning in force after a reading of 105 (Orange 100)", $"{status.Level}, warning {(status.Warning is null ? "none" : status.Warning.Id)}");
            }

            var (got, error) = await c.TryGetAsync(c.Identities.CityA, status.Warning.Sender, status.Warning.Id, ct).ConfigureAwait(false);
            if (got is null)
            {
                throw new ConformanceFailedException("the hazard's audience (partner:city-a) to read the warning", ConformanceContext.Describe(error!));
            }

            var warning = ReadWarning(got.Envelope);
            var info = warning.Info.Count == 1 ? warning.Info[0] : throw new ConformanceFailedException("one info block", $"{warning.Info.Count}");
            var reference = HazardWarnings.ObservationReference(hazard.Owner, hazard.Id, "level", at.AddMinutes(1));
            var wrong = new List<string>();
            Expect(warning.MessageType == AlertMessageType.Alert, $"msgType {warning.MessageType}, not Alert");
            Expect(warning.Scope == AlertScope.Restricted, $"scope {warning.Scope}, not Restricted");
            Expect(info.Level == WarningLevel.Orange, $"level {info.Level}, not Orange");
            Expect(info.Hazards.Contains(hazard.Id), $"no {CityRiskParameters.Hazard} {hazard.Id}");
            Expect(info.Parameters.Any(p => p.ValueName == CityRiskParameters.Observation && p.Value == reference), $"no {CityRiskParameters.Observation} {reference}");
            Expect(got.Envelope.RestrictionRoles.Contains($"partner:{c.Identities.CityA.PartnerId}"), "restriction roles without the hazard's audience");
            if (wrong.Count > 0)
            {
                throw new ConformanceFailedException("the warning docs/hazards.md describes", string.Join("; ", wrong));
            }

            await c.ExpectNotFoundAsync(c.Identities.Outsider, status.Warning.Sender, status.Warning.Id, "NOT_FOUND for the outsider (not in the hazard's audience)", ct).ConfigureAwait(false);
            await c.ExpectNotFoundAsync(c.Identities.CityB, status.Warning.Sender, status.Warning.Id, "NOT_FOUND for city-b (not in the hazard's audience)", ct).ConfigureAwait(false);

            await RecordAsync(c, owner, [Reading(hazard, at.AddMinutes(2), 10)], ct).ConfigureAwait(false);
            var after = await StatusAsync(c, owner, hazard, ct).ConfigureAwait(false);
            if (after.Level != Protocol.V1.WarningLevel.Unspecified || after.Warning is not null)
            {
                throw new ConformanceFailedException("Normal with no warning in force after the reading recovered", $"{after.Level}, warning {after.Warning?.Id ?? "none"}");
            }

            var thread = await ThreadAsync(c, c.Identities.CityA, status.Warning.Sender, hazard, ct).ConfigureAwait(false);
            var cancel = thread.FirstOrDefault(a => a.MessageType == AlertMessageType.Cancel);
            if (cancel is null || cancel.References?.Any(r => r.Identifier == warning.Identifier) != true)
            {
                throw new ConformanceFailedException($"a Cancel referencing {warning.Identifier}", $"the thread holds {Describe(thread)}");
            }

            void Expect(bool ok, string what)
            {
                if (!ok)
                {
                    wrong.Add(what);
                }
            }
        });

        yield return new("HAZ-005", ConformanceCapability.Hazards, "docs/protocol.md §5, §6.7–6.9 (scope)", "A Restricted hazard, its status, observations and warnings do not exist for a partner outside its audience.", async (c, ct) =>
        {
            var owner = c.Identities.LifelineOperator;
            var hazard = Hazard(owner, c.NewId("HAZ-005"), DocumentScope.Restricted, audience: [$"partner:{c.Identities.CityA.PartnerId}"]);
            await RegisterAsync(c, hazard, ct).ConfigureAwait(false);
            await RecordAsync(c, owner, [Reading(hazard, ConformanceContext.Now().AddMinutes(-5), 10)], ct).ConfigureAwait(false);
            foreach (var reader in new[] { c.Identities.Outsider, c.Identities.CityB })
            {
                await ConformanceContext.ExpectStatusAsync(() => c.Client.GetAsync(new GetRequest { Entity = Key(hazard) }, ConformanceContext.As(reader, ct)).ResponseAsync, StatusCode.NotFound, $"Get of the hazard as {reader.PartnerId}").ConfigureAwait(false);
                await ConformanceContext.ExpectStatusAsync(() => c.Client.GetHazardStatusAsync(new GetHazardStatusRequest { Hazard = Key(hazard) }, ConformanceContext.As(reader, ct)).ResponseAsync, StatusCode.NotFound, $"GetHazardStatus as {reader.PartnerId}").ConfigureAwait(false);
                await ConformanceContext.ExpectStatusAsync(() => c.Client.QueryObservationsAsync(new QueryObservationsRequest { Hazard = Key(hazard) }, ConformanceContext.As(reader, ct)).ResponseAsync, StatusCode.NotFound, $"QueryObservations as {reader.PartnerId}").ConfigureAwait(false);
                var listed = await c.QueryAllAsync(reader, new Filter { Kinds = { DocumentKinds.Hazard }, Senders = { owner.PartnerId }, IncludeSuperseded = true }, 100, ct).ConfigureAwait(false);
                if (listed.Any(d => d.Envelope.Entity?.Id == hazard.Id))
                {
                    throw new ConformanceFailedException($"Query as {reader.PartnerId} to leave the Restricted hazard out", "it was listed");
                }

                var recorded = await RecordAsync(c, reader, [Reading(hazard, ConformanceContext.Now().AddMinutes(-4), 10)], ct).ConfigureAwait(false);
                if (recorded.Results[0].Error?.Code != (int)StatusCode.NotFound)
                {
                    throw new ConformanceFailedException($"NOT_FOUND for {reader.PartnerId} recording an observation of a hazard it may not see", Outcome(recorded.Results[0]));
                }
            }

            await c.Client.GetHazardStatusAsync(new GetHazardStatusRequest { Hazard = Key(hazard) }, ConformanceContext.As(c.Identities.CityA, ct)).ResponseAsync.ConfigureAwait(false);
        });
    }

    private static async Task RunVectorAsync(ConformanceContext c, EvaluatorVector vector, CancellationToken ct)
    {
        var owner = c.Identities.LifelineOperator;
        var hazard = Hazard(owner, c.NewId("HAZ-003") + "-" + vector.Id, DocumentScope.Public) with { Indicators = vector.Indicators };
        await RegisterAsync(c, hazard, ct).ConfigureAwait(false);
        var actions = new List<string>();
        var step = 0;
        string? sender = null;
        foreach (var reading in vector.Readings)
        {
            step++;
            var where = $"{vector.Id}, reading {step} ({reading.ObservedAt:yyyy-MM-dd'T'HH:mm:sszzz} {reading.Indicator} = {reading.Value.ToString(CultureInfo.InvariantCulture)})";
            var response = await RecordAsync(c, owner, [Reading(hazard, reading.ObservedAt, reading.Value, reading.Indicator)], ct).ConfigureAwait(false);
            if (response.Results[0].OutcomeCase != ObservationResult.OutcomeOneofCase.Duplicate)
            {
                throw new ConformanceFailedException($"{where}: recorded", Outcome(response.Results[0]));
            }

            var status = await StatusAsync(c, owner, hazard, ct).ConfigureAwait(false);
            sender ??= status.Warning?.Sender;
            var indicator = status.Indicators.FirstOrDefault(i => i.IndicatorId == reading.Indicator);
            if (Name(status.Level) != reading.ExpectHazard || Name(indicator?.Level ?? Protocol.V1.WarningLevel.Unspecified) != reading.ExpectIndicator)
            {
                throw new ConformanceFailedException($"{where}: hazard {reading.ExpectHazard}, indicator {reading.ExpectIndicator}", $"hazard {Name(status.Level)}, indicator {Name(indicator?.Level ?? Protocol.V1.WarningLevel.Unspecified)}");
            }

            if (reading.ExpectAction is { } action)
            {
                actions.Add(action);
            }
        }

        var thread = sender is null ? [] : await ThreadAsync(c, owner, sender, hazard, ct).ConfigureAwait(false);
        var published = thread.Select(a => a.MessageType.ToString()).ToList();
        if (!published.SequenceEqual(actions))
        {
            throw new ConformanceFailedException($"{vector.Id}: warnings {(actions.Count == 0 ? "none" : string.Join(", ", actions))}", published.Count == 0 ? "none" : string.Join(", ", published));
        }
    }

    /// <summary>The warnings of a hazard's thread that a party sees, in log order.</summary>
    private static async Task<List<Alert>> ThreadAsync(ConformanceContext c, ConformanceParty reader, string sender, Hazard hazard, CancellationToken ct)
    {
        var items = await c.QueryAllAsync(reader, new Filter { Kinds = { DocumentKinds.Alert }, Senders = { sender }, IncludeSuperseded = true, IncludeExpired = true }, 1000, ct).ConfigureAwait(false);
        return [.. items.Select(d => ReadWarning(d.Envelope)).Where(a => a.Info.Any(i => i.Hazards.Contains(hazard.Id)))];
    }

    private static Alert ReadWarning(Envelope envelope) =>
        DocumentCodecs.Default.FindByMediaType(envelope.ContentType) is DocumentCodec<Alert> codec && codec.Read(envelope.Payload.Memory) is { HasErrors: false, Value: { } alert }
            ? alert
            : throw new ConformanceFailedException($"warning {envelope.Sender}/{envelope.Id} to be a valid CAP 1.2 or CityRisk JSON alert", $"{envelope.ContentType} that does not read as a valid alert");

    private static string Describe(List<Alert> thread) => thread.Count == 0 ? "nothing" : string.Join(", ", thread.Select(a => $"{a.Identifier} ({a.MessageType})"));

    private static string Name(Protocol.V1.WarningLevel level) => AlertEnvelope.FromWire(level)?.ToString() ?? "Normal";

    private static string Outcome(ObservationResult result) => result.OutcomeCase switch
    {
        ObservationResult.OutcomeOneofCase.Duplicate => result.Duplicate ? "duplicate" : "recorded",
        ObservationResult.OutcomeOneofCase.Error => $"{ConformanceContext.Name((StatusCode)result.Error.Code)} {string.Join(",", result.Error.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.Code}@{p.Path}"))}".TrimEnd(),
        _ => "no outcome",
    };

    /// <summary>A hazard of the kit: one indicator 'level', dangerous above, Yellow 50 and Orange 100, hysteresis 10.</summary>
    private static Hazard Hazard(ConformanceParty owner, string id, DocumentScope scope, IReadOnlyList<string>? audience = null, TimeSpan? duration = null) => new()
    {
        Id = id,
        Owner = owner.PartnerId,
        Revision = 1,
        Name = LocalizedText.Of("en", $"Conformance kit hazard {id}"),
        Type = HazardTypes.Bridge,
        Domain = RiskDomain.Lifeline,
        RiskGrade = RiskGrade.General,
        Geometry = new PointGeometry(new GeoPoint(117.29, 31.86)),
        Jurisdiction = "340102",
        Scope = scope,
        Audience = audience ?? [],
        Indicators =
        [
            new Indicator
            {
                Id = "level", Unit = "cm", Direction = ThresholdDirection.Above, Thresholds = new IndicatorThresholds { Yellow = 50, Orange = 100 },
                Hysteresis = 10, MinimumDuration = duration ?? TimeSpan.FromMinutes(10),
            },
        ],
    };

    private static EntityKey Key(Hazard hazard) => EntityMessages.Key(DocumentKinds.Hazard, hazard.Owner, hazard.Id);

    private static Envelope EnvelopeOf(Hazard hazard) =>
        HazardEnvelope.Create(hazard, HazardJson.Write(hazard, validate: false).Value!, HazardJson.MediaType, ConformanceContext.Now());

    private static async Task<PublishResponse> RegisterAsync(ConformanceContext c, Hazard hazard, CancellationToken ct)
    {
        try
        {
            return await c.CallPublishAsync(c.Identities.LifelineOperator, EnvelopeOf(hazard), ct).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"revision {hazard.Revision} of hazard {hazard.Id} by its owner to be accepted", ConformanceContext.Describe(ex));
        }
    }

    private static async Task<RecordObservationsResponse> RecordAsync(ConformanceContext c, ConformanceParty party, WireObservation[] rows, CancellationToken ct)
    {
        var request = new RecordObservationsRequest();
        request.Observations.AddRange(rows);
        RecordObservationsResponse response;
        try
        {
            response = await c.Client.RecordObservationsAsync(request, ConformanceContext.As(party, ct)).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"RecordObservations as {party.PartnerId} to answer each row", ConformanceContext.Describe(ex));
        }

        return response.Results.Count == rows.Length ? response : throw new ConformanceFailedException($"{rows.Length} results, one per observation", $"{response.Results.Count}");
    }

    private static async Task<HazardStatus> StatusAsync(ConformanceContext c, ConformanceParty party, Hazard hazard, CancellationToken ct)
    {
        try
        {
            return await c.Client.GetHazardStatusAsync(new GetHazardStatusRequest { Hazard = Key(hazard) }, ConformanceContext.As(party, ct)).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"GetHazardStatus of {hazard.Id} as {party.PartnerId}", ConformanceContext.Describe(ex));
        }
    }

    private static WireObservation Reading(Hazard hazard, DateTimeOffset at, double value, string indicator = "level", string? unit = null) =>
        ObservationMessages.ToWire(new Observation { HazardOwner = hazard.Owner, HazardId = hazard.Id, IndicatorId = indicator, ObservedAt = at, Value = value, Unit = unit });
}
