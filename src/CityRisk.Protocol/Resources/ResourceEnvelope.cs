using CityRisk.Protocol.V1;
using CityRisk.Resources;

namespace CityRisk.Protocol;

/// <summary>
/// The envelopes of the pooling documents (docs/resources.md, "Envelopes"), derived from each document: the payload is
/// the source of truth, the hub recomputes these fields and refuses an envelope that disagrees.
/// </summary>
/// <remarks>
/// Resources, requests and offers carry the scope and audience their documents state; an offer answering a request is
/// always seen by the requester too. Commitments, status reports and releases are Private between the two partners
/// concerned: the requester and the provider.
/// </remarks>
public static class ResourceEnvelope
{
    /// <summary>The routing fields a resource implies: its scope, jurisdiction, home, and attributes <c>type</c> and <c>status</c>.</summary>
    /// <param name="resource">The resource.</param>
    public static Envelope Derive(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return EntityEnvelopes.Derive(DocumentKinds.Resource, resource.Owner, resource.Id, resource.Revision, resource.Owner, resource.Scope,
            resource.Audience, resource.Recipients, resource.Jurisdiction, resource.Home,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["type"] = resource.Type ?? string.Empty, ["status"] = resource.Status.ToString() });
    }

    /// <summary>
    /// The routing fields a request implies: its scope, jurisdiction, the box of its deliver-to points, and attributes
    /// <c>state</c>, <c>types</c> (its items' types, distinct, sorted, space-separated) and <c>incident</c>
    /// (<c>owner/id</c>) when it names one.
    /// </summary>
    /// <param name="request">The request.</param>
    public static Envelope Derive(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["state"] = request.State.ToString(),
            ["types"] = string.Join(" ", request.Items.Select(i => i.Type ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        };
        if (request.Incident is { } incident)
        {
            attributes["incident"] = $"{incident.Owner}/{incident.Id}";
        }

        return EntityEnvelopes.Derive(DocumentKinds.ResourceRequest, request.Owner, request.Id, request.Revision, request.Owner, request.Scope,
            request.Audience, request.Recipients, request.Jurisdiction, request.Items.SelectMany(i => i.DeliverTo?.Positions ?? []), attributes);
    }

    /// <summary>
    /// The routing fields an offer implies: its scope (the requester always among those who see it), and attributes
    /// <c>state</c>, <c>resource_id</c> and <c>request</c> (<c>owner/id</c>) when it answers one.
    /// </summary>
    /// <param name="offer">The offer.</param>
    public static Envelope Derive(ResourceOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        string[] parties = offer.Request is { } request ? [offer.Owner, request.Owner] : [offer.Owner];
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["state"] = offer.State.ToString(), ["resource_id"] = offer.ResourceId ?? string.Empty };
        if (offer.Request is { } answered)
        {
            attributes["request"] = $"{answered.Owner}/{answered.Id}";
        }

        return EntityEnvelopes.Derive(DocumentKinds.ResourceOffer, offer.Owner, offer.Id, offer.Revision, offer.Owner, offer.Scope,
            offer.Audience.Concat(parties.Select(p => "partner:" + p)), offer.Recipients.Concat(parties), null, [], attributes);
    }

    /// <summary>The routing fields a commitment implies: Private to the requester and the offer's owner; attributes <c>offer</c> and <c>request</c> (<c>owner/id</c>).</summary>
    /// <param name="commitment">The commitment.</param>
    public static Envelope Derive(ResourceCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return Between(DocumentKinds.ResourceCommitment, commitment.Owner, commitment.Id, commitment.Revision, commitment.Offer?.Owner, [],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["offer"] = $"{commitment.Offer?.Owner}/{commitment.Offer?.Id}", ["request"] = $"{commitment.Request?.Owner}/{commitment.Request?.Id}" });
    }

    /// <summary>The routing fields a status report implies: Private to the provider and the requester; its location's box; attributes <c>status</c> and <c>commitment</c> (<c>owner/id</c>).</summary>
    /// <param name="report">The report.</param>
    public static Envelope Derive(ResourceStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Between(DocumentKinds.ResourceStatusReport, report.Owner, report.Id, report.Revision, report.Commitment?.Owner, report.Location?.Positions ?? [],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = report.Status.ToString(), ["commitment"] = $"{report.Commitment?.Owner}/{report.Commitment?.Id}" });
    }

    /// <summary>The routing fields a release implies: Private to the requester and the provider; attributes <c>commitment</c> (<c>owner/id</c>) and <c>provider</c>.</summary>
    /// <param name="release">The release.</param>
    public static Envelope Derive(ResourceRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return Between(DocumentKinds.ResourceRelease, release.Owner, release.Id, release.Revision, release.Provider, [],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["commitment"] = $"{release.Owner}/{release.CommitmentId}", ["provider"] = release.Provider ?? string.Empty });
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

    private static Envelope Between(string kind, string owner, string id, long revision, string? other, IEnumerable<Geo.GeoPoint> positions, Dictionary<string, string> attributes)
    {
        string[] parties = other is null ? [owner] : [owner, other];
        return EntityEnvelopes.Derive(kind, owner, id, revision, owner, DocumentScope.Private, [], parties, null, positions, attributes);
    }
}
