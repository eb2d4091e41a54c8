using System.Globalization;
using CityRisk.Enterprises;
using CityRisk.Protocol.V1;

namespace CityRisk.Protocol;

/// <summary>
/// The envelopes of enterprise profiles and grants (docs/insurers.md, "Envelopes"), derived from each document: the
/// payload is the source of truth, the hub recomputes these fields and refuses an envelope that disagrees.
/// </summary>
/// <remarks>
/// A profile is Private to its regulator: insurers never see it through its envelope, only under a grant, through the
/// reads that record an audit entry (docs/protocol.md §6.13). A grant is Private between the regulator and the insurer.
/// </remarks>
public static class EnterpriseEnvelope
{
    /// <summary>
    /// The routing fields a profile implies: Private to the owner; its jurisdiction and location; attributes
    /// <c>industry</c>, <c>risk_grade</c>, <c>hazardous_chemicals</c> and <c>major_hazard_source</c> (<c>true</c>/<c>false</c>).
    /// </summary>
    /// <param name="profile">The profile.</param>
    public static Envelope Derive(EnterpriseRiskProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["industry"] = profile.Industry ?? string.Empty,
            ["risk_grade"] = profile.RiskGrade.ToString(),
            ["hazardous_chemicals"] = profile.HazardousChemicals ? "true" : "false",
            ["major_hazard_source"] = profile.MajorHazardSource ? "true" : "false",
        };
        return EntityEnvelopes.Derive(DocumentKinds.EnterpriseProfile, profile.Owner, profile.Id, profile.Revision, profile.Owner, DocumentScope.Private,
            [], [profile.Owner], profile.Jurisdiction, profile.Location, attributes);
    }

    /// <summary>
    /// The routing fields a grant implies: Private to the regulator and the insurer; the agreement's jurisdiction;
    /// attributes <c>insurer</c>, <c>basis</c>, <c>state</c>, <c>valid_until</c> (ISO 8601) and for a consent <c>credit_code</c>.
    /// </summary>
    /// <param name="grant">The grant.</param>
    public static Envelope Derive(EnterpriseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["insurer"] = grant.Insurer ?? string.Empty,
            ["basis"] = grant.Basis.ToString(),
            ["state"] = grant.State.ToString(),
            ["valid_until"] = grant.ValidUntil.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
        if (grant.CreditCode is { } code)
        {
            attributes["credit_code"] = code;
        }

        return EntityEnvelopes.Derive(DocumentKinds.EnterpriseGrant, grant.Owner, grant.Id, grant.Revision, grant.Owner, DocumentScope.Private,
            [], [grant.Owner, grant.Insurer ?? string.Empty], grant.Jurisdiction, [], attributes);
    }

    /// <summary>Completes a derived envelope with the payload for publishing.</summary>
    /// <param name="derived">What <c>Derive</c> gave for the document.</param>
    /// <param name="payload">The document (CityRisk JSON).</param>
    /// <param name="contentType">The payload's media type.</param>
    /// <param name="sent">When it is published.</param>
    /// <returns>The envelope, ready to publish.</returns>
    public static Envelope Complete(Envelope derived, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent) =>
        EntityEnvelopes.Complete(derived, payload, contentType, sent);

    /// <summary>The envelope fields that disagree with what the document implies, by their .proto names; empty when consistent.</summary>
    /// <param name="given">The envelope as received.</param>
    /// <param name="derived">What <c>Derive</c> gives for its payload.</param>
    /// <returns>The .proto names of the fields that disagree.</returns>
    public static IReadOnlyList<string> Mismatches(Envelope given, Envelope derived) => EntityEnvelopes.Mismatches(given, derived);
}
