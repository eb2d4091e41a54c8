using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The subscribe capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must.
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class SubscribeConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>SUB-001: A subscription after a cursor replays what followed it, each once, in strictly increasing cursor order.</summary>
    [Fact]
    public virtual Task SUB_001_a_subscription_after_a_cursor_replays_in_cursor_order() => RunAsync("SUB-001");

    /// <summary>SUB-002: after_cursor starts strictly after that cursor.</summary>
    [Fact]
    public virtual Task SUB_002_after_cursor_starts_strictly_after_that_cursor() => RunAsync("SUB-002");

    /// <summary>SUB-003: from_now delivers only what is published after the call starts, and its cityrisk-start-cursor, when sent, lies between.</summary>
    [Fact]
    public virtual Task SUB_003_from_now_delivers_only_what_is_published_after_the_call_starts() => RunAsync("SUB-003");

    /// <summary>SUB-004: Subscribe applies the filter: senders, minimum level and jurisdictions.</summary>
    [Fact]
    public virtual Task SUB_004_subscribe_applies_the_filter() => RunAsync("SUB-004");

    /// <summary>SUB-005: An area subscription delivers messages whose areas intersect it, and not the others.</summary>
    [Fact]
    public virtual Task SUB_005_an_area_subscription_delivers_only_messages_intersecting_it() => RunAsync("SUB-005");

    /// <summary>SUB-006: A client that disconnects and resumes after its last cursor gets the rest: nothing lost, nothing repeated.</summary>
    [Fact]
    public virtual Task SUB_006_a_resumed_subscription_loses_and_repeats_nothing() => RunAsync("SUB-006");

    /// <summary>SUB-007: A subscriber that falls more than the lag limit behind ends with RESOURCE_EXHAUSTED and a cityrisk-resume-cursor it can resume from.</summary>
    [Fact]
    public virtual Task SUB_007_a_subscriber_too_far_behind_gets_resource_exhausted_with_a_resume_cursor() => RunAsync("SUB-007");

    /// <summary>SUB-008: A cursor beyond the end of the log is OUT_OF_RANGE.</summary>
    [Fact]
    public virtual Task SUB_008_a_cursor_beyond_the_log_is_out_of_range() => RunAsync("SUB-008");

    /// <summary>SUB-009: from_beginning starts at the oldest message the hub holds, before anything published since.</summary>
    [Fact]
    public virtual Task SUB_009_from_beginning_starts_at_the_oldest_message_held() => RunAsync("SUB-009");

    /// <summary>SUB-010: A long stream delivers every message once, in cursor order, intact: live while they are published, and on replay.</summary>
    [Fact]
    public virtual Task SUB_010_a_long_stream_delivers_every_message_once_in_order_intact() => RunAsync("SUB-010");
}
