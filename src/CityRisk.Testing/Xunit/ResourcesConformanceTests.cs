using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The resources capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so one can be
/// overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must. The identities need a mutual-aid group
/// (<see cref="ConformanceIdentities.MutualAidGroup"/>).
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class ResourcesConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>RES-001: A full cycle leaves the pool and the request's fill exactly as the arithmetic says at every step.</summary>
    [Fact]
    public virtual Task RES_001_a_full_cycle_adds_up_at_every_step() => RunAsync("RES-001");

    /// <summary>RES-002: Every step that would break the arithmetic or the order is refused with its status, and the pool is unchanged.</summary>
    [Fact]
    public virtual Task RES_002_steps_that_break_the_arithmetic_are_refused() => RunAsync("RES-002");

    /// <summary>RES-003: Forty concurrent commitments against two offers of 5: never more than offered, and the totals add up.</summary>
    [Fact]
    public virtual Task RES_003_concurrent_commitments_never_over_commit() => RunAsync("RES-003");

    /// <summary>RES-004: A request and a resource Restricted to the mutual-aid group do not exist for the outsider.</summary>
    [Fact]
    public virtual Task RES_004_a_group_request_does_not_exist_outside_the_group() => RunAsync("RES-004");

    /// <summary>RES-005: A commitment and its reports are seen by the requester and the provider only.</summary>
    [Fact]
    public virtual Task RES_005_commitments_are_private_between_requester_and_provider() => RunAsync("RES-005");
}
