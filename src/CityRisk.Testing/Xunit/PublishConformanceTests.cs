using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The publish capability's checks as xunit tests. Inherit it with your fixture; every test is virtual, so
/// one can be overridden (to skip it with <c>Assert.Skip("reason")</c>) when you must.
/// </summary>
/// <typeparam name="TFixture">Your fixture.</typeparam>
/// <param name="fixture">The endpoint and parties.</param>
public abstract class PublishConformanceTests<TFixture>(TFixture fixture) : ConformanceTestBase<TFixture>(fixture)
    where TFixture : ConformanceFixture
{
    /// <summary>PUB-001: A valid alert is accepted with a cursor, not as a duplicate.</summary>
    [Fact]
    public virtual Task PUB_001_a_valid_alert_is_accepted_with_a_cursor() => RunAsync("PUB-001");

    /// <summary>PUB-002: The same (sender, id) with the same content again is a duplicate with the original cursor; nothing new is stored.</summary>
    [Fact]
    public virtual Task PUB_002_the_same_content_again_is_a_duplicate_at_the_original_cursor() => RunAsync("PUB-002");

    /// <summary>PUB-003: The same (sender, id) with different content is ALREADY_EXISTS, and the original stays.</summary>
    [Fact]
    public virtual Task PUB_003_the_same_id_with_different_content_is_already_exists() => RunAsync("PUB-003");

    /// <summary>PUB-004: Publishing with another partner's id as the envelope sender is PERMISSION_DENIED, and nothing is stored.</summary>
    [Fact]
    public virtual Task PUB_004_publishing_as_another_partner_is_permission_denied() => RunAsync("PUB-004");

    /// <summary>PUB-005: A CAP &lt;sender&gt; not registered for the publishing partner is PERMISSION_DENIED.</summary>
    [Fact]
    public virtual Task PUB_005_an_unregistered_cap_sender_is_permission_denied() => RunAsync("PUB-005");

    /// <summary>PUB-006: An envelope that disagrees with its payload is INVALID_ARGUMENT with ENVELOPE-MISMATCH naming the field, and nothing is stored.</summary>
    [Fact]
    public virtual Task PUB_006_an_envelope_that_disagrees_with_its_payload_is_invalid_argument() => RunAsync("PUB-006");

    /// <summary>PUB-007: A Restricted alert without restriction roles is INVALID_ARGUMENT with ENVELOPE-MISMATCH at restriction_roles.</summary>
    [Fact]
    public virtual Task PUB_007_a_restricted_alert_without_roles_is_invalid_argument() => RunAsync("PUB-007");

    /// <summary>PUB-008: An unknown kind, or an unsupported content type, is INVALID_ARGUMENT.</summary>
    [Fact]
    public virtual Task PUB_008_an_unknown_kind_or_content_type_is_invalid_argument() => RunAsync("PUB-008");

    /// <summary>PUB-V-*: a valid vector is accepted and comes back unchanged; an invalid one is refused with exactly its problem codes.</summary>
    /// <param name="vectorId">The vector's id.</param>
    [Theory]
    [MemberData(nameof(ConformanceVectorCases.Ids), MemberType = typeof(ConformanceVectorCases))]
    public virtual Task PUB_V_vector(string vectorId) => RunAsync($"PUB-V-{vectorId}");
}
