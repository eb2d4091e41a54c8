using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Protocol.V1;

namespace CityRisk.Protocol;

/// <summary>
/// The envelope of a hazard's revision, derived from the hazard (docs/protocol.md §4, docs/hazards.md): the payload
/// is the source of truth, the hub recomputes these fields and refuses an envelope that disagrees.
/// </summary>
public static class HazardEnvelope
{
    /// <summary>Builds the envelope for publishing a hazard's revision; the sender is its owner.</summary>
    /// <param name="hazard">The hazard (already valid).</param>
    /// <param name="payload">Its document (CityRisk JSON).</param>
    /// <param name="contentType">The payload's media type.</param>
    /// <param name="sent">When it is published (entity documents carry no time of their own).</param>
    /// <returns>The envelope, ready to publish.</returns>
    public static Envelope Create(Hazard hazard, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent) =>
        EntityEnvelopes.Complete(Derive(hazard), payload, contentType, sent);

    /// <summary>The routing fields a hazard implies (everything but sent, content type and payload).</summary>
    /// <param name="hazard">The hazard.</param>
    /// <returns>An envelope with the derived fields set.</returns>
    public static Envelope Derive(Hazard hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return EntityEnvelopes.Derive(DocumentKinds.Hazard, hazard.Owner, hazard.Id, hazard.Revision, hazard.Owner, hazard.Scope, hazard.Audience, hazard.Recipients,
            hazard.Jurisdiction, hazard.Geometry, AttributesOf(hazard));
    }

    /// <summary>The envelope fields that disagree with what the hazard implies, by their .proto names; empty when consistent.</summary>
    /// <param name="given">The envelope as received.</param>
    /// <param name="hazard">Its payload, read.</param>
    /// <returns>The .proto names of the fields that disagree.</returns>
    public static IReadOnlyList<string> Mismatches(Envelope given, Hazard hazard) => EntityEnvelopes.Mismatches(given, Derive(hazard));

    /// <summary>
    /// A hazard's filterable attributes (<c>Envelope.attributes</c>): <c>type</c> (the code, as written),
    /// <c>domain</c> and <c>risk_grade</c> (their CityRisk JSON names: <c>Lifeline</c>, <c>Significant</c>).
    /// </summary>
    /// <param name="hazard">The hazard.</param>
    /// <returns>The attributes by name.</returns>
    public static IReadOnlyDictionary<string, string> AttributesOf(Hazard hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["type"] = hazard.Type ?? string.Empty,
            ["domain"] = hazard.Domain.ToString(),
            ["risk_grade"] = hazard.RiskGrade.ToString(),
        };
    }

    /// <summary>The smallest box holding every position of a geometry; null for none.</summary>
    /// <param name="geometry">The geometry.</param>
    public static BoundingBox? BoundingBoxOf(Geo.GeoGeometry? geometry) => BoundingBoxOf(geometry?.Positions ?? []);

    /// <summary>The bounding box of positions (those in range), or null when there are none.</summary>
    internal static BoundingBox? BoundingBoxOf(IEnumerable<Geo.GeoPoint> all)
    {
        var positions = all.Where(p => p.IsInRange).ToList();
        return positions.Count == 0 ? null : new BoundingBox
        {
            West = positions.Min(p => p.Longitude),
            South = positions.Min(p => p.Latitude),
            East = positions.Max(p => p.Longitude),
            North = positions.Max(p => p.Latitude),
        };
    }
}
