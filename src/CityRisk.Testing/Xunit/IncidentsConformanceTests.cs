using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The incidents capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must. The identities need a
/// jurisdiction party (<see cref="ConformanceIdentities.Jurisdiction"/>).
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class IncidentsConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>INC-001: Every legal step of the life cycle is taken, and from every state every other state is FAILED_PRECONDITION naming the allowed ones; final states allow nothing.</summary>
    [Fact]
    public virtual Task INC_001_the_life_cycle_allows_exactly_its_steps() => RunAsync("INC-001");

    /// <summary>INC-002: Each step by a partner who may not take it is PERMISSION_DENIED; a step published as someone else is PERMISSION_DENIED; only the jurisdiction reassigns.</summary>
    [Fact]
    public virtual Task INC_002_only_the_right_partner_takes_each_step() => RunAsync("INC-002");

    /// <summary>INC-003: Every step is a revision in the history with who took it; a step on an unknown incident is NOT_FOUND, a stale one FAILED_PRECONDITION naming the current revision, and of two concurrent steps exactly one is stored.</summary>
    [Fact]
    public virtual Task INC_003_revisions_are_the_case_file_and_concurrent_steps_have_one_winner() => RunAsync("INC-003");

    /// <summary>INC-004: Statistics over a known data set give the documented counts, closure rate, nearest-rank percentiles and old open cases, counting only what the caller may see.</summary>
    [Fact]
    public virtual Task INC_004_statistics_on_a_known_data_set_count_only_what_the_caller_may_see() => RunAsync("INC-004");

    /// <summary>INC-005: A Restricted incident does not exist for a partner outside its audience: Get, Query, the history and a step are all as for no incident; its owner and assignee always see it.</summary>
    [Fact]
    public virtual Task INC_005_a_restricted_incident_does_not_exist_outside_its_audience() => RunAsync("INC-005");
}
