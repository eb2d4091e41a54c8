using CityRisk.Geo;
using CityRisk.Incidents;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Tests.Exchange;
using Grpc.Core;

namespace CityRisk.Server.Tests.Incidents;

/// <summary>
/// Incidents through the hub (docs/incidents.md): the closed loop, who may take each step, revisions as the case file,
/// NOT_FOUND for what does not exist or cannot be seen, and one winner among concurrent steps.
/// </summary>
public sealed class IncidentPublishTests
{
    private static readonly DocumentCodec<Incident> Codec = DocumentCodecs.Default.Get<Incident>(DocumentFormat.CityRiskJson);
    private static readonly DateTimeOffset Reported = new(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8));

    // kaifeng-grid reports; kaifeng-gulou (district 410204) verifies and dispatches; kaifeng-water handles.
    private static readonly (string, string[])[] Partners =
    [
        ("kaifeng-grid", ["city"]), ("kaifeng-gulou", ["city"]), ("kaifeng-water", ["lifeline-operator"]), ("zhengzhou-em", ["city"]), ("outsider", ["vendor"]),
    ];

    private static readonly Dictionary<string, string[]> Jurisdictions = new() { ["kaifeng-gulou"] = ["410204"], ["zhengzhou-em"] = ["410100"] };

    internal static Incident Report(string id = "kf-2026-000123", string jurisdiction = "410204", DocumentScope scope = DocumentScope.Restricted) => new()
    {
        Id = id,
        Owner = "kaifeng-grid",
        Revision = 1,
        ReporterRole = ReporterRole.GridWorker,
        Type = "accident/drainage-facility",
        Domain = RiskDomain.Lifeline,
        Grade = IncidentGrade.IV,
        Title = LocalizedText.Of("zh-CN", "排水口堵塞"),
        Location = new PointGeometry(new GeoPoint(114.35, 34.79)),
        Jurisdiction = jurisdiction,
        OccurredAt = Reported.AddMinutes(-20),
        ReportedAt = Reported,
        State = IncidentState.Reported,
        UpdatedBy = "kaifeng-grid",
        UpdatedAt = Reported,
        Scope = scope,
        Audience = scope == DocumentScope.Restricted ? ["city"] : [],
    };

    internal static PublishRequest Request(Incident incident, Action<Envelope>? bend = null)
    {
        var payload = Codec.Write(incident).Value!;
        var envelope = IncidentEnvelope.Create(incident, payload, Codec.MediaType, incident.UpdatedAt);
        bend?.Invoke(envelope);
        return new PublishRequest { Envelope = envelope };
    }

    private static Task<TestHub> StartAsync() => TestHub.StartAsync(Partners, jurisdictions: Jurisdictions);

    private static async Task<Incident> StepAsync(TestHub hub, Incident previous, IncidentState to, string by, string? assignTo = null)
    {
        var next = IncidentLifecycle.Step(previous, to, by, previous.UpdatedAt.AddHours(1), $"{to} by {by}", assignTo);
        await hub.CallAsync(TestHub.Publish, Request(next), by);
        return next;
    }

    [Fact]
    public async Task The_closed_loop_runs_from_report_to_close_and_the_revisions_are_the_case_file()
    {
        await using var hub = await StartAsync();
        var incident = Report();
        await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");
        incident = await StepAsync(hub, incident, IncidentState.Verified, "kaifeng-gulou");
        incident = await StepAsync(hub, incident, IncidentState.Dispatched, "kaifeng-gulou", assignTo: "kaifeng-water");
        incident = await StepAsync(hub, incident, IncidentState.Handling, "kaifeng-water");
        incident = await StepAsync(hub, incident, IncidentState.Resolved, "kaifeng-water");
        incident = await StepAsync(hub, incident, IncidentState.Handling, "kaifeng-grid"); // reopened: the outlet is blocked again
        incident = await StepAsync(hub, incident, IncidentState.Resolved, "kaifeng-water");
        incident = await StepAsync(hub, incident, IncidentState.Closed, "kaifeng-grid");

        var latest = await hub.CallAsync(TestHub.Get, new GetRequest { Entity = new EntityKey { Kind = "incident", Owner = "kaifeng-grid", Id = incident.Id } }, "kaifeng-water");
        Assert.Equal(8ul, latest.Envelope.Revision);
        Assert.Equal("incident/kaifeng-grid/kf-2026-000123/8", latest.Envelope.Id.Replace("incident/kf-2026-000123/8", "incident/kaifeng-grid/kf-2026-000123/8", StringComparison.Ordinal));
        Assert.Equal(incident, Codec.Read(latest.Envelope.Payload.Memory).Value);

        var history = await hub.CallAsync(TestHub.Query, new QueryRequest
        {
            Filter = new Filter { IncludeSuperseded = true, Entities = { new EntityKey { Kind = "incident", Owner = "kaifeng-grid", Id = incident.Id } } },
        }, "kaifeng-gulou");
        var steps = history.Items.Select(d => Codec.Read(d.Envelope.Payload.Memory).Value!).Select(i => $"{i.Revision} {i.State} {i.UpdatedBy}").ToList();
        Assert.Equal(
            ["1 Reported kaifeng-grid", "2 Verified kaifeng-gulou", "3 Dispatched kaifeng-gulou", "4 Handling kaifeng-water", "5 Resolved kaifeng-water",
             "6 Handling kaifeng-grid", "7 Resolved kaifeng-water", "8 Closed kaifeng-grid"],
            steps);
        Assert.Equal(["incident/kf-2026-000123/1", "incident/kaifeng-grid/kf-2026-000123/2"], history.Items.Take(2).Select(d => d.Envelope.Id));

        var current = await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "incident" } } }, "kaifeng-grid");
        Assert.Equal([8ul], current.Items.Select(d => d.Envelope.Revision));

        var final = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, IncidentState.Handling, "kaifeng-grid"));
        Assert.Equal(StatusCode.FailedPrecondition, final.StatusCode);
        Assert.Contains("is Closed; from there it may become nothing (it is final)", final.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_illegal_step_is_FAILED_PRECONDITION_naming_the_allowed_states()
    {
        await using var hub = await StartAsync();
        var incident = Report();
        await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");
        var skipped = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, IncidentState.Handling, "kaifeng-gulou", assignTo: "kaifeng-water"));
        Assert.Equal(StatusCode.FailedPrecondition, skipped.StatusCode);
        Assert.Contains("is Reported; from there it may become Reported, Verified, Rejected, Merged, not Handling", skipped.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kaifeng-water", "Verified")] // not yet the assignee, not the jurisdiction
    [InlineData("zhengzhou-em", "Verified")] // a jurisdiction, but not this one
    [InlineData("kaifeng-grid", "Rejected")] // the reporter cannot reject its own report
    public async Task A_step_by_a_partner_who_may_not_take_it_is_PERMISSION_DENIED(string by, string to)
    {
        await using var hub = await StartAsync();
        var incident = Report(scope: DocumentScope.Public);
        await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");
        var refused = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, Enum.Parse<IncidentState>(to), by));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("may be taken by the jurisdiction", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_jurisdiction_assigns_and_only_the_assignee_handles()
    {
        await using var hub = await StartAsync();
        var incident = Report();
        await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");
        incident = await StepAsync(hub, incident, IncidentState.Verified, "kaifeng-gulou");
        incident = await StepAsync(hub, incident, IncidentState.Dispatched, "kaifeng-gulou", assignTo: "kaifeng-water");

        var grabbed = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, IncidentState.Handling, "kaifeng-grid"));
        Assert.Equal(StatusCode.PermissionDenied, grabbed.StatusCode);
        Assert.Contains("Dispatched → Handling may be taken by the assignee; 'kaifeng-grid' is the reporter", grabbed.Status.Detail, StringComparison.Ordinal);

        var reassigned = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, IncidentState.Dispatched, "kaifeng-water", assignTo: "outsider"));
        Assert.Equal(StatusCode.PermissionDenied, reassigned.StatusCode);
        Assert.Contains("Only the incident's jurisdiction assigns it", reassigned.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_on_an_unknown_or_unseen_incident_is_NOT_FOUND_and_a_stale_one_names_the_current_revision()
    {
        await using var hub = await StartAsync();
        var unknown = IncidentLifecycle.Step(Report(id: "kf-none"), IncidentState.Verified, "kaifeng-gulou", Reported.AddHours(1));
        var missing = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(unknown), "kaifeng-gulou"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        var incident = Report();
        await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");
        var hidden = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, IncidentState.Verified, "outsider"));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);

        var verified = await StepAsync(hub, incident, IncidentState.Verified, "kaifeng-gulou");
        await StepAsync(hub, verified, IncidentState.Dispatched, "kaifeng-gulou", assignTo: "kaifeng-water");
        var stale = await Assert.ThrowsAsync<RpcException>(() => StepAsync(hub, incident, IncidentState.Rejected, "kaifeng-gulou"));
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Contains("the current revision is 3; publish revision 4", stale.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_steps_from_two_partners_end_with_exactly_one_winner()
    {
        await using var hub = await StartAsync();
        for (var round = 0; round < 20; round++)
        {
            var incident = Report(id: $"kf-race-{round}");
            await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");
            incident = await StepAsync(hub, incident, IncidentState.Verified, "kaifeng-gulou");
            incident = await StepAsync(hub, incident, IncidentState.Dispatched, "kaifeng-gulou", assignTo: "kaifeng-water");
            incident = await StepAsync(hub, incident, IncidentState.Handling, "kaifeng-water");
            incident = await StepAsync(hub, incident, IncidentState.Resolved, "kaifeng-water");

            // The reporter closes while the jurisdiction reopens: both from revision 5.
            var close = IncidentLifecycle.Step(incident, IncidentState.Closed, "kaifeng-grid", incident.UpdatedAt.AddHours(1));
            var reopen = IncidentLifecycle.Step(incident, IncidentState.Handling, "kaifeng-gulou", incident.UpdatedAt.AddHours(1));
            var outcomes = await Task.WhenAll(Outcome(hub.CallAsync(TestHub.Publish, Request(close), "kaifeng-grid")), Outcome(hub.CallAsync(TestHub.Publish, Request(reopen), "kaifeng-gulou")));
            Assert.Single(outcomes, o => o == StatusCode.OK);
            Assert.Single(outcomes, o => o == StatusCode.FailedPrecondition);

            var latest = await hub.CallAsync(TestHub.Get, new GetRequest { Entity = new EntityKey { Kind = "incident", Owner = "kaifeng-grid", Id = incident.Id } }, "kaifeng-grid");
            Assert.Equal(6ul, latest.Envelope.Revision);
            var history = await hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { IncludeSuperseded = true, Entities = { latest.Envelope.Entity } } }, "kaifeng-grid");
            Assert.Equal([1ul, 2, 3, 4, 5, 6], history.Items.Select(d => d.Envelope.Revision));
        }

        static async Task<StatusCode> Outcome(Task call)
        {
            try
            {
                await call;
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }
    }

    [Fact]
    public async Task A_step_that_rewrites_the_report_or_is_published_as_someone_else_is_refused()
    {
        await using var hub = await StartAsync();
        var incident = Report(scope: DocumentScope.Public);
        await hub.CallAsync(TestHub.Publish, Request(incident), "kaifeng-grid");

        var rewritten = IncidentLifecycle.Step(incident, IncidentState.Verified, "kaifeng-gulou", Reported.AddHours(1)) with { ReportedAt = Reported.AddDays(1), UpdatedAt = Reported.AddDays(1) };
        var invalid = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(rewritten), "kaifeng-gulou"));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("reportedAt", invalid.Status.Detail, StringComparison.Ordinal);

        var impersonated = IncidentLifecycle.Step(incident, IncidentState.Verified, "kaifeng-gulou", Reported.AddHours(1));
        var denied = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.Publish, Request(impersonated, e => e.Sender = "kaifeng-water"), "kaifeng-water"));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
