using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The query capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must.
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class QueryConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>QRY-001: Get returns what was published: the same cursor and payload, a schema-valid document.</summary>
    [Fact]
    public virtual Task QRY_001_get_returns_what_was_published() => RunAsync("QRY-001");

    /// <summary>QRY-002: Get of a message that does not exist is NOT_FOUND.</summary>
    [Fact]
    public virtual Task QRY_002_get_of_a_missing_message_is_not_found() => RunAsync("QRY-002");

    /// <summary>QRY-003: Query pages through every match, oldest first, without repeats or gaps, whatever the page size.</summary>
    [Fact]
    public virtual Task QRY_003_query_pages_through_every_match_without_repeats_or_gaps() => RunAsync("QRY-003");

    /// <summary>QRY-004: Query filters by sender, minimum level, jurisdiction and area; every set criterion must match.</summary>
    [Fact]
    public virtual Task QRY_004_query_applies_every_filter_criterion() => RunAsync("QRY-004");

    /// <summary>QRY-005: Query shows the current state of an alert thread: an Update supersedes what it references; include_superseded brings the history back.</summary>
    [Fact]
    public virtual Task QRY_005_query_shows_the_current_state_of_an_alert_thread() => RunAsync("QRY-005");
}
