using System.Globalization;
using CityRisk.Geo;
using CityRisk.Incidents;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// The incidents capability (docs/incidents.md; docs/protocol.md §3.4, §4.2.2, §6.10): every legal and illegal step of
/// the life cycle, who may take each, revisions and the history, statistics on a known data set, and scope. City A
/// reports, the jurisdiction party (responsible for its division) verifies and dispatches, the lifeline operator is
/// the assignee.
/// </summary>
internal static class IncidentChecks
{
    private static readonly DocumentCodec<Incident> Json = DocumentCodecs.Default.Get<Incident>(DocumentFormat.CityRiskJson);

    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("INC-001", ConformanceCapability.Incidents, "docs/protocol.md §3.4 (a state change the kind's state machine does not allow; docs/incidents.md, \"Life cycle\")",
            "Every legal step of the life cycle is taken, and from every state every other state is FAILED_PRECONDITION naming the allowed ones; final states allow nothing.", async (c, ct) =>
        {
            var (reporter, jurisdiction, assignee) = Parties(c);
            var incident = Report(c, c.NewId("INC-001"), DocumentScope.Public);
            await PublishAsync(c, reporter, incident, ct).ConfigureAwait(false);
            (IncidentState To, ConformanceParty By)[] path =
            [
                (IncidentState.Verified, jurisdiction), (IncidentState.Dispatched, jurisdiction), (IncidentState.Handling, assignee), (IncidentState.Resolved, assignee),
                (IncidentState.Handling, reporter), (IncidentState.Resolved, assignee), (IncidentState.Closed, reporter),
            ];
            foreach (var (to, by) in path)
            {
                await RefusesIllegalStepsAsync(c, jurisdiction, incident, ct).ConfigureAwait(false);
                incident = await StepAsync(c, by, incident, to, ct, assignTo: to == IncidentState.Dispatched ? assignee.PartnerId : null).ConfigureAwait(false);
            }

            await RefusesIllegalStepsAsync(c, jurisdiction, incident, ct).ConfigureAwait(false);
            foreach (var final in new[] { IncidentState.Rejected, IncidentState.Merged })
            {
                var other = Report(c, c.NewId("INC-001"), DocumentScope.Public);
                await PublishAsync(c, reporter, other, ct).ConfigureAwait(false);
                other = await StepAsync(c, jurisdiction, other, final, ct, mergedInto: final == IncidentState.Merged ? new IncidentKey { Owner = incident.Owner, Id = incident.Id } : null).ConfigureAwait(false);
                await RefusesIllegalStepsAsync(c, jurisdiction, other, ct).ConfigureAwait(false);
            }
        });

        yield return new("INC-002", ConformanceCapability.Incidents, "docs/protocol.md §3.4 (the kind decides who may take which step; docs/incidents.md, \"Who may move it\")",
            "Each step by a partner who may not take it is PERMISSION_DENIED; a step published as someone else is PERMISSION_DENIED; only the jurisdiction reassigns.", async (c, ct) =>
        {
            var (reporter, jurisdiction, assignee) = Parties(c);
            var incident = Report(c, c.NewId("INC-002"), DocumentScope.Public);
            await PublishAsync(c, reporter, incident, ct).ConfigureAwait(false);
            await DeniedAsync(c, reporter, incident, IncidentState.Verified, "the reporter verifying its own report", ct).ConfigureAwait(false);
            await DeniedAsync(c, assignee, incident, IncidentState.Verified, "a partner that is neither reporter, assignee nor jurisdiction verifying", ct).ConfigureAwait(false);
            var spoofed = Step(incident, IncidentState.Verified, jurisdiction);
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(reporter, EnvelopeOf(spoofed, e => e.Sender = reporter.PartnerId), ct), StatusCode.PermissionDenied,
                "a step whose updatedBy names the jurisdiction, sent by the reporter").ConfigureAwait(false);

            incident = await StepAsync(c, jurisdiction, incident, IncidentState.Verified, ct).ConfigureAwait(false);
            await DeniedAsync(c, reporter, incident, IncidentState.Dispatched, "the reporter dispatching", ct, assignTo: assignee.PartnerId).ConfigureAwait(false);
            incident = await StepAsync(c, jurisdiction, incident, IncidentState.Dispatched, ct, assignTo: assignee.PartnerId).ConfigureAwait(false);
            await DeniedAsync(c, reporter, incident, IncidentState.Handling, "the reporter starting the assignee's work", ct).ConfigureAwait(false);
            await DeniedAsync(c, assignee, incident, IncidentState.Dispatched, "the assignee handing the incident to another partner", ct, assignTo: c.Identities.CityB.PartnerId).ConfigureAwait(false);
            incident = await StepAsync(c, assignee, incident, IncidentState.Handling, ct).ConfigureAwait(false);
            await DeniedAsync(c, jurisdiction, incident, IncidentState.Resolved, "the jurisdiction resolving the assignee's work", ct).ConfigureAwait(false);
            incident = await StepAsync(c, assignee, incident, IncidentState.Resolved, ct).ConfigureAwait(false);
            await DeniedAsync(c, assignee, incident, IncidentState.Closed, "the assignee closing its own work", ct).ConfigureAwait(false);
            await StepAsync(c, jurisdiction, incident, IncidentState.Closed, ct).ConfigureAwait(false);
        });

        yield return new("INC-003", ConformanceCapability.Incidents, "docs/protocol.md §3.4, §11.3 (revisions; the history through §6.6's entities filter)",
            "Every step is a revision in the history with who took it; a step on an unknown incident is NOT_FOUND, a stale one FAILED_PRECONDITION naming the current revision, and of two concurrent steps exactly one is stored.", async (c, ct) =>
        {
            var (reporter, jurisdiction, assignee) = Parties(c);
            var unknown = Step(Report(c, c.NewId("INC-003"), DocumentScope.Public), IncidentState.Verified, jurisdiction);
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(jurisdiction, EnvelopeOf(unknown), ct), StatusCode.NotFound, "a step on an incident never reported").ConfigureAwait(false);

            for (var round = 0; round < 8; round++)
            {
                var incident = Report(c, c.NewId("INC-003"), DocumentScope.Public);
                await PublishAsync(c, reporter, incident, ct).ConfigureAwait(false);
                var verified = await StepAsync(c, jurisdiction, incident, IncidentState.Verified, ct).ConfigureAwait(false);
                if (round == 0)
                {
                    var stale = await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(reporter, EnvelopeOf(Step(incident, IncidentState.Reported, reporter)), ct),
                        StatusCode.FailedPrecondition, "the reporter's revision 2 (a note on its stale copy) after the jurisdiction's revision 2 was stored").ConfigureAwait(false);
                    ExpectNames(stale, "2", "FAILED_PRECONDITION naming the current revision (2)");
                }

                var dispatched = await StepAsync(c, jurisdiction, verified, IncidentState.Dispatched, ct, assignTo: assignee.PartnerId).ConfigureAwait(false);
                var handling = await StepAsync(c, assignee, dispatched, IncidentState.Handling, ct).ConfigureAwait(false);
                var resolved = await StepAsync(c, assignee, handling, IncidentState.Resolved, ct).ConfigureAwait(false);

                // The reporter closes while the jurisdiction reopens, both from revision 5.
                var close = c.CallPublishAsync(reporter, EnvelopeOf(Step(resolved, IncidentState.Closed, reporter)), ct);
                var reopen = c.CallPublishAsync(jurisdiction, EnvelopeOf(Step(resolved, IncidentState.Handling, jurisdiction)), ct);
                var outcomes = new List<StatusCode>();
                foreach (var call in new[] { close, reopen })
                {
                    try
                    {
                        await call.ConfigureAwait(false);
                        outcomes.Add(StatusCode.OK);
                    }
                    catch (RpcException ex)
                    {
                        outcomes.Add(ex.StatusCode);
                    }
                }

                if (outcomes.Count(o => o == StatusCode.OK) != 1 || outcomes.Count(o => o == StatusCode.FailedPrecondition) != 1)
                {
                    throw new ConformanceFailedException("of two concurrent revisions 6, exactly one stored and the other FAILED_PRECONDITION", string.Join(" and ", outcomes.Select(ConformanceContext.Name)));
                }

                var history = await c.QueryAllAsync(c.Identities.CityB, new Filter { IncludeSuperseded = true, Entities = { EntityMessages.Key(DocumentKinds.Incident, reporter.PartnerId, incident.Id) } }, 100, ct).ConfigureAwait(false);
                var revisions = history.Select(d => Json.Read(d.Envelope.Payload.Memory, validate: false).Value).Select(i => i is null ? "?" : $"{i.Revision}:{i.UpdatedBy}").ToList();
                var winner = outcomes[0] == StatusCode.OK ? reporter : jurisdiction;
                string[] expected = [$"1:{reporter.PartnerId}", $"2:{jurisdiction.PartnerId}", $"3:{jurisdiction.PartnerId}", $"4:{assignee.PartnerId}", $"5:{assignee.PartnerId}", $"6:{winner.PartnerId}"];
                if (!revisions.SequenceEqual(expected))
                {
                    throw new ConformanceFailedException($"the history (Query by entity with include_superseded) to be {string.Join(", ", expected)}", string.Join(", ", revisions));
                }

                var latest = await c.Client.GetAsync(new GetRequest { Entity = EntityMessages.Key(DocumentKinds.Incident, reporter.PartnerId, incident.Id) }, ConformanceContext.As(c.Identities.CityB, ct)).ConfigureAwait(false);
                if (latest.Envelope.Revision != 6)
                {
                    throw new ConformanceFailedException("Get by entity to return revision 6", latest.Envelope.Revision.ToString(CultureInfo.InvariantCulture));
                }
            }
        });

        yield return new("INC-004", ConformanceCapability.Incidents, "docs/protocol.md §6.10 (GetIncidentStatistics), §5 (no count reveals what the caller may not see)",
            "Statistics over a known data set give the documented counts, closure rate, nearest-rank percentiles and old open cases, counting only what the caller may see.", async (c, ct) =>
        {
            var (reporter, jurisdiction, assignee) = Parties(c);

            // A day no other run uses: the kit's incidents are the only ones reported in it.
            var day = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddDays(Random.Shared.Next(0, 7000));
            (TimeSpan Reported, IncidentState Final, double CloseHours, bool Hidden)[] set =
            [
                (TimeSpan.FromHours(1), IncidentState.Closed, 2, false),
                (TimeSpan.FromHours(2), IncidentState.Closed, 10, false),
                (TimeSpan.FromHours(3), IncidentState.Closed, 1, false),
                (TimeSpan.FromHours(4), IncidentState.Closed, 4, false),
                (TimeSpan.FromHours(5), IncidentState.Rejected, 0, false),
                (TimeSpan.FromHours(6), IncidentState.Merged, 0, false),
                (TimeSpan.FromHours(7), IncidentState.Handling, 0, false),
                (TimeSpan.FromHours(8), IncidentState.Reported, 0, false),
                (TimeSpan.FromHours(9), IncidentState.Closed, 100, true),
            ];
            Incident? first = null;
            foreach (var (offset, final, hours, hidden) in set)
            {
                var reportedAt = day + offset;
                var incident = Report(c, c.NewId("INC-004"), hidden ? DocumentScope.Restricted : DocumentScope.Public, reportedAt, hidden ? [$"partner:{jurisdiction.PartnerId}"] : []);
                await PublishAsync(c, reporter, incident, ct).ConfigureAwait(false);
                first ??= incident;
                (IncidentState, ConformanceParty)[] path = final switch
                {
                    IncidentState.Reported => [],
                    IncidentState.Rejected => [(IncidentState.Rejected, jurisdiction)],
                    IncidentState.Merged => [(IncidentState.Merged, jurisdiction)],
                    IncidentState.Handling => [(IncidentState.Verified, jurisdiction), (IncidentState.Dispatched, jurisdiction), (IncidentState.Handling, assignee)],
                    _ => [(IncidentState.Verified, jurisdiction), (IncidentState.Dispatched, jurisdiction), (IncidentState.Handling, assignee), (IncidentState.Resolved, assignee), (IncidentState.Closed, reporter)],
                };
                for (var i = 0; i < path.Length; i++)
                {
                    var (to, by) = path[i];
                    var at = to == IncidentState.Closed ? reportedAt.AddHours(hours) : reportedAt.AddMinutes(i + 1);
                    incident = await StepAsync(c, by, incident, to, ct, at, to == IncidentState.Dispatched ? assignee.PartnerId : null,
                        to == IncidentState.Merged ? new IncidentKey { Owner = first.Owner, Id = first.Id } : null).ConfigureAwait(false);
                }
            }

            var request = new IncidentStatisticsRequest
            {
                Jurisdiction = jurisdiction.Division!,
                ReportedFrom = ObservationMessages.FormatTime(day),
                ReportedTo = ObservationMessages.FormatTime(day.AddDays(1)),
                AsOf = ObservationMessages.FormatTime(day.AddDays(40)),
            };

            // City B sees the public eight; the jurisdiction also sees the restricted one closed after 100 hours.
            await ExpectCountsAsync(c, c.Identities.CityB, request, "reported=8 closed=4 rejected=1 merged=1 open=2 rate=0.6667 median=7200 p90=36000 old=2", ct).ConfigureAwait(false);
            await ExpectCountsAsync(c, jurisdiction, request, "reported=9 closed=5 rejected=1 merged=1 open=2 rate=0.7143 median=14400 p90=360000 old=2", ct).ConfigureAwait(false);
            request.EventTypes.Add("natural-disaster");
            await ExpectCountsAsync(c, jurisdiction, request, "reported=0 closed=0 rejected=0 merged=0 open=0 rate=0.0000 median=- p90=- old=0", ct).ConfigureAwait(false);
            request.EventTypes.Clear();
            request.Grades.Add("IV");
            request.AsOf = ObservationMessages.FormatTime(day.AddDays(10));
            await ExpectCountsAsync(c, c.Identities.CityB, request, "reported=8 closed=4 rejected=1 merged=1 open=2 rate=0.6667 median=7200 p90=36000 old=0", ct).ConfigureAwait(false);

            request.Grades.Clear();
            request.Grades.Add("V");
            await ConformanceContext.ExpectStatusAsync(() => c.Client.GetIncidentStatisticsAsync(request, ConformanceContext.As(c.Identities.CityB, ct)).ResponseAsync, StatusCode.InvalidArgument, "grade 'V'").ConfigureAwait(false);
        });

        yield return new("INC-005", ConformanceCapability.Incidents, "docs/protocol.md §5 (scope), §3.4 (a step on what the caller may not see is NOT_FOUND)",
            "A Restricted incident does not exist for a partner outside its audience: Get, Query, the history and a step are all as for no incident; its owner and assignee always see it.", async (c, ct) =>
        {
            var (reporter, jurisdiction, assignee) = Parties(c);
            var incident = Report(c, c.NewId("INC-005"), DocumentScope.Restricted, audience: [$"partner:{jurisdiction.PartnerId}"]);
            await PublishAsync(c, reporter, incident, ct).ConfigureAwait(false);
            incident = await StepAsync(c, jurisdiction, incident, IncidentState.Verified, ct).ConfigureAwait(false);
            incident = await StepAsync(c, jurisdiction, incident, IncidentState.Dispatched, ct, assignTo: assignee.PartnerId).ConfigureAwait(false);
            var key = EntityMessages.Key(DocumentKinds.Incident, reporter.PartnerId, incident.Id);
            foreach (var reader in new[] { reporter, assignee })
            {
                var seen = await c.Client.GetAsync(new GetRequest { Entity = key }, ConformanceContext.As(reader, ct)).ConfigureAwait(false);
                if (seen.Envelope.Revision != 3)
                {
                    throw new ConformanceFailedException($"{reader.PartnerId} (the {(reader == reporter ? "owner" : "assignee")}) to see revision 3", seen.Envelope.Revision.ToString(CultureInfo.InvariantCulture));
                }
            }

            var outsider = c.Identities.Outsider;
            await ConformanceContext.ExpectStatusAsync(() => c.Client.GetAsync(new GetRequest { Entity = key }, ConformanceContext.As(outsider, ct)).ResponseAsync, StatusCode.NotFound, "Get by the outsider").ConfigureAwait(false);
            var listed = await c.QueryAllAsync(outsider, new Filter { Kinds = { DocumentKinds.Incident }, IncludeSuperseded = true, Entities = { key } }, 100, ct).ConfigureAwait(false);
            if (listed.Count != 0)
            {
                throw new ConformanceFailedException("the outsider's Query and history to leave the incident out", $"{listed.Count} revision(s)");
            }

            var byOutsider = Step(incident, IncidentState.Handling, outsider);
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(outsider, EnvelopeOf(byOutsider), ct), StatusCode.NotFound, "a step by the outsider (as for no incident)").ConfigureAwait(false);
        });
    }

    private static (ConformanceParty Reporter, ConformanceParty Jurisdiction, ConformanceParty Assignee) Parties(ConformanceContext c) =>
        c.Identities.Jurisdiction is { } jurisdiction
            ? (c.Identities.CityA, jurisdiction, c.Identities.LifelineOperator)
            : throw new ConformanceSkippedException("The identities name no jurisdiction party (parties.jurisdiction with its division): the incidents checks need a partner the endpoint makes responsible for a division.");

    /// <summary>A report by City A in the jurisdiction party's division: a blocked drainage outlet.</summary>
    private static Incident Report(ConformanceContext c, string id, DocumentScope scope, DateTimeOffset? reportedAt = null, IReadOnlyList<string>? audience = null)
    {
        var at = reportedAt ?? ConformanceContext.Now().AddMinutes(-30);
        return new Incident
        {
            Id = id,
            Owner = c.Identities.CityA.PartnerId,
            Revision = 1,
            ReporterRole = ReporterRole.GridWorker,
            Type = "accident/drainage-facility",
            Domain = RiskDomain.Lifeline,
            Grade = IncidentGrade.IV,
            Title = LocalizedText.Of("en", "Blocked drainage outlet (conformance)"),
            Location = new PointGeometry(new GeoPoint(114.35, 34.79)),
            Jurisdiction = c.Identities.Jurisdiction!.Division!,
            OccurredAt = at.AddMinutes(-10),
            ReportedAt = at,
            State = IncidentState.Reported,
            UpdatedBy = c.Identities.CityA.PartnerId,
            UpdatedAt = at,
            Scope = scope,
            Audience = audience ?? [],
        };
    }

    private static Incident Step(Incident previous, IncidentState to, ConformanceParty by, DateTimeOffset? at = null, string? assignTo = null, IncidentKey? mergedInto = null) =>
        IncidentLifecycle.Step(previous, to, by.PartnerId, at ?? previous.UpdatedAt.AddMinutes(1), $"{to} (conformance)", assignTo, mergedInto);

    private static Envelope EnvelopeOf(Incident incident, Action<Envelope>? bend = null)
    {
        var envelope = IncidentEnvelope.Create(incident, Json.Write(incident, validate: false).Value!, Json.MediaType, incident.UpdatedAt);
        bend?.Invoke(envelope);
        return envelope;
    }

    private static async Task PublishAsync(ConformanceContext c, ConformanceParty party, Incident incident, CancellationToken ct)
    {
        try
        {
            await c.CallPublishAsync(party, EnvelopeOf(incident), ct).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"revision {incident.Revision} ({incident.State}) of incident {incident.Id} by {party.PartnerId} to be stored", ConformanceContext.Describe(ex));
        }
    }

    private static async Task<Incident> StepAsync(ConformanceContext c, ConformanceParty by, Incident previous, IncidentState to, CancellationToken ct, DateTimeOffset? at = null, string? assignTo = null, IncidentKey? mergedInto = null)
    {
        var next = Step(previous, to, by, at, assignTo, mergedInto);
        await PublishAsync(c, by, next, ct).ConfigureAwait(false);
        return next;
    }

    /// <summary>From <paramref name="current"/>, every state the life cycle does not allow is FAILED_PRECONDITION naming those it does.</summary>
    private static async Task RefusesIllegalStepsAsync(ConformanceContext c, ConformanceParty jurisdiction, Incident current, CancellationToken ct)
    {
        var allowed = IncidentLifecycle.AllowedAfter(current.State);
        foreach (var to in Enum.GetValues<IncidentState>().Where(s => !allowed.Contains(s)))
        {
            // A valid document in every other respect: an assignee and a merge target where the state needs them.
            var step = Step(current, to, jurisdiction, assignTo: current.AssignedTo ?? c.Identities.LifelineOperator.PartnerId,
                mergedInto: to == IncidentState.Merged ? new IncidentKey { Owner = current.Owner, Id = current.Id + "-other" } : null);
            var refused = await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(jurisdiction, EnvelopeOf(step), ct), StatusCode.FailedPrecondition, $"{current.State} → {to}").ConfigureAwait(false);
            foreach (var state in allowed)
            {
                ExpectNames(refused, state.ToString(), $"FAILED_PRECONDITION for {current.State} → {to} naming the allowed next states ({string.Join(", ", allowed)})");
            }
        }
    }

    private static async Task DeniedAsync(ConformanceContext c, ConformanceParty by, Incident previous, IncidentState to, string what, CancellationToken ct, string? assignTo = null) =>
        await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(by, EnvelopeOf(Step(previous, to, by, assignTo: assignTo)), ct), StatusCode.PermissionDenied, what).ConfigureAwait(false);

    private static void ExpectNames(RpcException refused, string text, string expected)
    {
        if (!refused.Status.Detail.Contains(text, StringComparison.Ordinal))
        {
            throw new ConformanceFailedException(expected, refused.Status.Detail);
        }
    }

    private static async Task ExpectCountsAsync(ConformanceContext c, ConformanceParty caller, IncidentStatisticsRequest request, string expected, CancellationToken ct)
    {
        var statistics = await c.Client.GetIncidentStatisticsAsync(request, ConformanceContext.As(caller, ct)).ResponseAsync.ConfigureAwait(false);
        var t = statistics.Total ?? new IncidentCounts();
        var got = string.Create(CultureInfo.InvariantCulture,
            $"reported={t.Reported} closed={t.Closed} rejected={t.Rejected} merged={t.Merged} open={t.Open} rate={t.ClosureRate:0.0000} median={(t.HasMedianSecondsToClose ? t.MedianSecondsToClose.ToString(CultureInfo.InvariantCulture) : "-")} p90={(t.HasP90SecondsToClose ? t.P90SecondsToClose.ToString(CultureInfo.InvariantCulture) : "-")} old={t.OpenOlderThan}");
        if (got != expected)
        {
            throw new ConformanceFailedException($"{caller.PartnerId}'s statistics for {request.Jurisdiction} ({string.Join(",", request.EventTypes)} {string.Join(",", request.Grades)} as of {request.AsOf}) to be {expected}", got);
        }
    }
}
