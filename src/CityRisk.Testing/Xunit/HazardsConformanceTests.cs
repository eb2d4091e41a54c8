using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The hazards capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must.
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class HazardsConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>HAZ-001: A hazard's revisions are taken in order from its owner only; Get by entity returns the latest.</summary>
    [Fact]
    public virtual Task HAZ_001_revisions_are_taken_in_order_from_the_owner_only() => RunAsync("HAZ-001");

    /// <summary>HAZ-002: Each observation of a batch is answered on its own: bad rows refused with their code and field, good rows kept, repeats duplicates.</summary>
    [Fact]
    public virtual Task HAZ_002_each_observation_is_answered_on_its_own() => RunAsync("HAZ-002");

    /// <summary>HAZ-003: Readings sent one call each give, after each, the status and the warnings the evaluator vectors expect.</summary>
    [Fact]
    public virtual Task HAZ_003_the_evaluator_vectors_hold_over_the_wire() => RunAsync("HAZ-003");

    /// <summary>HAZ-004: A crossing publishes a valid CAP warning to the hazard's audience only, naming the reading; recovery publishes its Cancel.</summary>
    [Fact]
    public virtual Task HAZ_004_a_crossing_warns_the_audience_and_recovery_cancels() => RunAsync("HAZ-004");

    /// <summary>HAZ-005: A Restricted hazard, its status, observations and warnings do not exist for a partner outside its audience.</summary>
    [Fact]
    public virtual Task HAZ_005_a_restricted_hazard_does_not_exist_outside_its_audience() => RunAsync("HAZ-005");
}
