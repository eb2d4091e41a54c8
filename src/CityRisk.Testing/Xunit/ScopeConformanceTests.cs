using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The scope capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must.
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class ScopeConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>SCP-001: A Restricted alert is readable by its audience's role and by its sender, and NOT_FOUND for everyone else.</summary>
    [Fact]
    public virtual Task SCP_001_a_restricted_alert_is_readable_only_by_its_audience_and_sender() => RunAsync("SCP-001");

    /// <summary>SCP-002: A Restricted alert is left out of the queries and subscriptions of those outside its audience, and in those of its audience.</summary>
    [Fact]
    public virtual Task SCP_002_queries_and_subscriptions_leave_out_restricted_alerts_outside_their_audience() => RunAsync("SCP-002");

    /// <summary>SCP-003: A Private alert reaches its recipients and its sender only, on Get, Query and Subscribe.</summary>
    [Fact]
    public virtual Task SCP_003_a_private_alert_reaches_only_its_recipients_and_sender() => RunAsync("SCP-003");

    /// <summary>SCP-004: A restriction role 'partner:&lt;id&gt;' admits that partner, whatever its roles.</summary>
    [Fact]
    public virtual Task SCP_004_a_partner_reference_admits_that_partner() => RunAsync("SCP-004");

    /// <summary>SCP-005: A message the caller may not see is answered exactly as one that does not exist: NOT_FOUND with the same message, never PERMISSION_DENIED.</summary>
    [Fact]
    public virtual Task SCP_005_a_hidden_message_is_answered_exactly_as_a_missing_one() => RunAsync("SCP-005");
}
