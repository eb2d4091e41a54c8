using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Protocol.V1;
using Google.Protobuf;

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
    public static Envelope Create(Hazard hazard, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent)
    {
        var envelope = Derive(hazard);
        envelope.Sent = AlertEnvelope.FormatSent(sent);
        envelope.ContentType = contentType;
        envelope.Payload = ByteString.CopyFrom(payload.Span);
        return envelope;
    }

    /// <summary>The routing fields a hazard implies (everything but sent, content type and payload).</summary>
    /// <param name="hazard">The hazard.</param>
    /// <returns>An envelope with the derived fields set.</returns>
    public static Envelope Derive(Hazard hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        var envelope = new Envelope
        {
            Id = EntityMessages.MessageId(DocumentKinds.Hazard, hazard.Id, hazard.Revision),
            Kind = DocumentKinds.Hazard,
            Sender = hazard.Owner,
            Entity = EntityMessages.Key(DocumentKinds.Hazard, hazard.Owner, hazard.Id),
            Revision = (ulong)Math.Max(0, hazard.Revision),
            Scope = hazard.Scope switch
            {
                DocumentScope.Public => Scope.Public,
                DocumentScope.Restricted => Scope.Restricted,
                DocumentScope.Private => Scope.Private,
                _ => Scope.Unspecified,
            },
        };
        if (hazard.Scope == DocumentScope.Restricted)
        {
            envelope.RestrictionRoles.AddRange(hazard.Audience.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        if (hazard.Scope == DocumentScope.Private)
        {
            envelope.Recipients.AddRange(hazard.Recipients.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        envelope.Jurisdictions.Add(hazard.Jurisdiction);
        foreach (var (name, value) in AttributesOf(hazard))
        {
            envelope.Attributes[name] = value;
        }
        if (BoundingBoxOf(hazard.Geometry) is { } box)
        {
            envelope.BoundingBox = box;
        }

        return envelope;
    }

    /// <summary>The envelope fields that disagree with what the hazard implies, by their .proto names; empty when consistent.</summary>
    /// <param name="given">The envelope as received.</param>
    /// <param name="hazard">Its payload, read.</param>
    /// <returns>The .proto names of the fields that disagree.</returns>
    public static IReadOnlyList<string> Mismatches(Envelope given, Hazard hazard)
    {
        ArgumentNullException.ThrowIfNull(given);
        var derived = Derive(hazard);
        var mismatches = new List<string>();
        Check(given.Id == derived.Id, "id");
        Check(given.Kind == derived.Kind, "kind");
        Check(DateTimeOffset.TryParseExact(given.Sent, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), "sent");
        Check(given.Entity is { } key && key.Kind == derived.Entity.Kind && key.Owner == derived.Entity.Owner && key.Id == derived.Entity.Id, "entity");
        Check(given.Revision == derived.Revision, "revision");
        Check(given.Scope == derived.Scope, "scope");
        Check(AlertEnvelope.SameSet(given.RestrictionRoles, derived.RestrictionRoles), "restriction_roles");
        Check(AlertEnvelope.SameSet(given.Recipients, derived.Recipients), "recipients");
        Check(given.References.Count == 0, "references");
        Check(AlertEnvelope.SameSet(given.Jurisdictions, derived.Jurisdictions), "jurisdictions");
        Check(AlertEnvelope.SameBox(given.BoundingBox, derived.BoundingBox), "bounding_box");
        Check(given.Severity == Severity.Unspecified, "severity");
        Check(given.Level == V1.WarningLevel.Unspecified, "level");
        Check(given.Attributes.Count == derived.Attributes.Count && derived.Attributes.All(a => given.Attributes.TryGetValue(a.Key, out var value) && value == a.Value), "attributes");
        return mismatches;

        void Check(bool agrees, string field)
        {
            if (!agrees)
            {
                mismatches.Add(field);
            }
        }
    }

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
    public static BoundingBox? BoundingBoxOf(Geo.GeoGeometry? geometry)
    {
        var positions = geometry?.Positions.Where(p => p.IsInRange).ToList();
        return positions is null || positions.Count == 0 ? null : new BoundingBox
        {
            West = positions.Min(p => p.Longitude),
            South = positions.Min(p => p.Latitude),
            East = positions.Max(p => p.Longitude),
            North = positions.Max(p => p.Latitude),
        };
    }
}
