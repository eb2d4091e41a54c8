using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The enterprises capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so one can be
/// overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must. The identities need a regulator and an
/// insurer (<see cref="ConformanceIdentities.Regulator"/>, <see cref="ConformanceIdentities.Insurer"/>).
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class EnterprisesConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>ENT-001: An insurer reads a profile only under a grant in force: not outside it, not expired, not revoked.</summary>
    [Fact]
    public virtual Task ENT_001_an_insurer_reads_only_under_a_grant_in_force() => RunAsync("ENT-001");

    /// <summary>ENT-002: Query, its total and the export show and count only what the grants cover; the wrong roles are refused.</summary>
    [Fact]
    public virtual Task ENT_002_nothing_outside_the_grants_exists_on_any_read_path() => RunAsync("ENT-002");

    /// <summary>ENT-003: Every read by an insurer is in the regulator's audit.</summary>
    [Fact]
    public virtual Task ENT_003_every_read_by_an_insurer_is_audited() => RunAsync("ENT-003");

    /// <summary>ENT-004: The indicator vectors' values come back from the export and the query.</summary>
    [Fact]
    public virtual Task ENT_004_the_indicators_over_the_wire_are_the_vectors() => RunAsync("ENT-004");
}
