using CityRisk.Incidents;
using CityRisk.Protocol.V1;

namespace CityRisk.Protocol;

/// <summary>
/// The envelope of an incident's revision, derived from the incident (docs/protocol.md §4, docs/incidents.md): the
/// payload is the source of truth, the hub recomputes these fields and refuses an envelope that disagrees.
/// </summary>
/// <remarks>
/// The sender is the revision's <see cref="Incident.UpdatedBy"/>, so the message id is owner-qualified when another
/// partner takes the step (<see cref="EntityMessages.MessageId(string, string, string, long, string)"/>). The owner and
/// the assignee always see the incident: a Restricted incident's roles include <c>partner:&lt;owner&gt;</c> and
/// <c>partner:&lt;assignee&gt;</c>, a Private incident's recipients include both.
/// </remarks>
public static class IncidentEnvelope
{
    /// <summary>Builds the envelope for publishing an incident's revision; the sender is its <see cref="Incident.UpdatedBy"/>.</summary>
    /// <param name="incident">The incident (already valid).</param>
    /// <param name="payload">Its document (CityRisk JSON).</param>
    /// <param name="contentType">The payload's media type.</param>
    /// <param name="sent">When it is published.</param>
    /// <returns>The envelope, ready to publish.</returns>
    public static Envelope Create(Incident incident, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent) =>
        EntityEnvelopes.Complete(Derive(incident), payload, contentType, sent);

    /// <summary>The routing fields an incident implies (everything but sent, content type and payload).</summary>
    /// <param name="incident">The incident.</param>
    /// <returns>An envelope with the derived fields set.</returns>
    public static Envelope Derive(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        string[] parties = incident.AssignedTo is { } assignee ? [incident.Owner, assignee] : [incident.Owner];
        return EntityEnvelopes.Derive(DocumentKinds.Incident, incident.Owner, incident.Id, incident.Revision, incident.UpdatedBy, incident.Scope,
            incident.Audience.Concat(parties.Select(p => "partner:" + p)), incident.Recipients.Concat(parties), incident.Jurisdiction, incident.Location, AttributesOf(incident));
    }

    /// <summary>The envelope fields that disagree with what the incident implies, by their .proto names; empty when consistent.</summary>
    /// <param name="given">The envelope as received.</param>
    /// <param name="incident">Its payload, read.</param>
    /// <returns>The .proto names of the fields that disagree.</returns>
    public static IReadOnlyList<string> Mismatches(Envelope given, Incident incident) => EntityEnvelopes.Mismatches(given, Derive(incident));

    /// <summary>
    /// An incident's filterable attributes (<c>Envelope.attributes</c>): <c>state</c>, <c>type</c>, <c>category</c>,
    /// <c>domain</c>, <c>grade</c> and <c>reporter_role</c> (their CityRisk JSON values: <c>Handling</c>,
    /// <c>accident/drainage-facility</c>, <c>accident</c>, <c>Lifeline</c>, <c>III</c>, <c>GridWorker</c>), and
    /// <c>assigned_to</c> when it is assigned.
    /// </summary>
    /// <param name="incident">The incident.</param>
    /// <returns>The attributes by name.</returns>
    public static IReadOnlyDictionary<string, string> AttributesOf(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["state"] = incident.State.ToString(),
            ["type"] = incident.Type ?? string.Empty,
            ["category"] = IncidentTypes.CategoryOf(incident.Type) ?? string.Empty,
            ["domain"] = incident.Domain.ToString(),
            ["grade"] = incident.Grade.ToString(),
            ["reporter_role"] = incident.ReporterRole.ToString(),
        };
        if (incident.AssignedTo is { } assignee)
        {
            attributes["assigned_to"] = assignee;
        }

        return attributes;
    }
}
