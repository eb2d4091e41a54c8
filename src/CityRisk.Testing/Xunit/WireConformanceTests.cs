using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The wire capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must.
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class WireConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>WIRE-001: An unknown method is UNIMPLEMENTED.</summary>
    [Fact]
    public virtual Task WIRE_001_an_unknown_method_is_unimplemented() => RunAsync("WIRE-001");

    /// <summary>WIRE-002: A call's grpc-timeout is enforced by the server: a Subscribe with nothing to deliver ends with DEADLINE_EXCEEDED.</summary>
    [Fact]
    public virtual Task WIRE_002_the_server_enforces_grpc_timeout() => RunAsync("WIRE-002");

    /// <summary>WIRE-003: A request over the endpoint's message limit is RESOURCE_EXHAUSTED, and the endpoint keeps serving.</summary>
    [Fact]
    public virtual Task WIRE_003_a_request_over_the_message_limit_is_resource_exhausted() => RunAsync("WIRE-003");

    /// <summary>WIRE-004: A truncated frame is answered with INTERNAL, and the endpoint keeps serving.</summary>
    [Fact]
    public virtual Task WIRE_004_a_truncated_frame_is_internal() => RunAsync("WIRE-004");

    /// <summary>WIRE-005: The health service reports SERVING for the server and for cityrisk.v1.Exchange.</summary>
    [Fact]
    public virtual Task WIRE_005_health_reports_serving() => RunAsync("WIRE-005");

    /// <summary>WIRE-006: A call without a credential, or with one the endpoint does not know, is UNAUTHENTICATED.</summary>
    [Fact]
    public virtual Task WIRE_006_a_missing_or_unknown_credential_is_unauthenticated() => RunAsync("WIRE-006");
}
