using CityRisk.Incidents;

namespace CityRisk.Tests.Incidents;

/// <summary>The life cycle as docs/incidents.md tables it: every legal step, its actors, and every illegal one.</summary>
public sealed class IncidentLifecycleTests
{
    private const IncidentActors R = IncidentActors.Reporter, A = IncidentActors.Assignee, J = IncidentActors.Jurisdiction;

    /// <summary>The table of docs/incidents.md, "Life cycle": from, to, who.</summary>
    private static readonly (IncidentState From, IncidentState To, IncidentActors Who)[] Table =
    [
        (IncidentState.Reported, IncidentState.Verified, J),
        (IncidentState.Reported, IncidentState.Rejected, J),
        (IncidentState.Reported, IncidentState.Merged, J),
        (IncidentState.Verified, IncidentState.Dispatched, J),
        (IncidentState.Verified, IncidentState.Rejected, J),
        (IncidentState.Verified, IncidentState.Merged, J),
        (IncidentState.Dispatched, IncidentState.Handling, A),
        (IncidentState.Handling, IncidentState.Resolved, A),
        (IncidentState.Resolved, IncidentState.Closed, R | J),
        (IncidentState.Resolved, IncidentState.Handling, R | J),
    ];

    public static TheoryData<IncidentState, IncidentState, IncidentActors> Steps { get; } = [.. Table];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Each_step_is_allowed_to_exactly_its_actors(IncidentState from, IncidentState to, IncidentActors who)
    {
        Assert.Equal(who, IncidentLifecycle.WhoMay(from, to));
        Assert.Contains(to, IncidentLifecycle.AllowedAfter(from));
    }

    [Fact]
    public void Every_other_pair_is_illegal_and_final_states_allow_nothing()
    {
        var legal = Table.Select(row => (row.From, row.To)).ToHashSet();
        foreach (var from in Enum.GetValues<IncidentState>())
        {
            foreach (var to in Enum.GetValues<IncidentState>())
            {
                var expected = legal.Contains((from, to)) || (from == to && !IncidentLifecycle.IsFinal(from));
                Assert.Equal(expected, IncidentLifecycle.WhoMay(from, to) != IncidentActors.None);
                Assert.Equal(expected, IncidentLifecycle.AllowedAfter(from).Contains(to));
            }
        }

        Assert.All([IncidentState.Closed, IncidentState.Rejected, IncidentState.Merged], s => Assert.Empty(IncidentLifecycle.AllowedAfter(s)));
        Assert.Equal(R | A | J, IncidentLifecycle.WhoMay(IncidentState.Handling, IncidentState.Handling));
    }

    [Fact]
    public void Actors_are_found_from_the_previous_revision_and_only_the_jurisdiction_reassigns()
    {
        var dispatched = IncidentLifecycle.Step(IncidentBuilder.Report(), IncidentState.Dispatched, "kaifeng-gulou", IncidentBuilder.Reported.AddHours(1), assignTo: "kaifeng-water");
        Assert.Equal(R, IncidentLifecycle.ActorsOf(dispatched, "kaifeng-grid", _ => false));
        Assert.Equal(A, IncidentLifecycle.ActorsOf(dispatched, "kaifeng-water", _ => false));
        Assert.Equal(J, IncidentLifecycle.ActorsOf(dispatched, "kaifeng-gulou", code => code == "410204"));

        var handling = IncidentLifecycle.Step(dispatched, IncidentState.Handling, "kaifeng-water", IncidentBuilder.Reported.AddHours(2));
        Assert.Null(IncidentLifecycle.Refusal(dispatched, handling, A));
        Assert.Equal("Dispatched → Handling may be taken by the assignee; 'kaifeng-water' is the reporter.", IncidentLifecycle.Refusal(dispatched, handling, R));

        var handedOver = IncidentLifecycle.Step(dispatched, IncidentState.Dispatched, "kaifeng-water", IncidentBuilder.Reported.AddHours(2), assignTo: "kaifeng-sanitation");
        Assert.StartsWith("Only the incident's jurisdiction assigns it", IncidentLifecycle.Refusal(dispatched, handedOver, A), StringComparison.Ordinal);
        Assert.Null(IncidentLifecycle.Refusal(dispatched, handedOver with { UpdatedBy = "kaifeng-gulou" }, J));
    }

    [Fact]
    public void A_step_keeps_the_report_and_moves_the_revision()
    {
        var report = IncidentBuilder.Report();
        var merged = IncidentLifecycle.Step(report, IncidentState.Merged, "kaifeng-gulou", IncidentBuilder.Reported.AddMinutes(30), "Duplicate of 0122", mergedInto: new IncidentKey { Owner = "kaifeng-grid", Id = "kf-2026-000122" });
        Assert.Equal((2L, IncidentState.Merged, "kaifeng-gulou", "Duplicate of 0122"), (merged.Revision, merged.State, merged.UpdatedBy, merged.Note));
        Assert.Equal(report.ReportedAt, merged.ReportedAt);
        Assert.Empty(IncidentValidator.Validate(merged));
        Assert.Empty(IncidentValidator.StepProblems(report, merged));
        Assert.Equal(
            ["$.reporterRole", "$.reportedAt", "$.updatedAt"],
            IncidentValidator.StepProblems(merged, merged with { ReporterRole = ReporterRole.Sensor, ReportedAt = report.ReportedAt.AddDays(1), UpdatedAt = report.ReportedAt }).Select(p => p.Path));
    }

    [Theory]
    [InlineData("accident/drainage-facility", true, "accident")]
    [InlineData("accident/kaifeng:manhole-cover", true, "accident")]
    [InlineData("natural-disaster/typhoon", true, "natural-disaster")]
    [InlineData("accident/meteor", false, "accident")]
    [InlineData("accident", false, null)]
    [InlineData("explosion/gas", false, null)]
    [InlineData("accidents/fire", false, null)]
    [InlineData("accident/Kaifeng:x", false, "accident")]
    public void Types_have_a_category_and_a_listed_or_namespaced_sub_type(string type, bool valid, string? category)
    {
        Assert.Equal(valid, IncidentTypes.IsValid(type));
        Assert.Equal(category, IncidentTypes.CategoryOf(type));
    }
}
