using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Protocol.V1;
using Google.Protobuf;

namespace CityRisk.Protocol;

/// <summary>
/// The envelope fields every entity kind derives the same way (docs/protocol.md §3.4, §4): key, revision, scope and
/// audience, jurisdiction, bounding box and attributes; a kind says what its document puts in each.
/// </summary>
internal static class EntityEnvelopes
{
    public static Envelope Derive(string kind, string owner, string id, long revision, string sender, DocumentScope scope, IEnumerable<string> audience, IEnumerable<string> recipients,
        string? jurisdiction, Geo.GeoGeometry? geometry, IReadOnlyDictionary<string, string> attributes) =>
        Derive(kind, owner, id, revision, sender, scope, audience, recipients, jurisdiction, geometry?.Positions ?? [], attributes);

    public static Envelope Derive(string kind, string owner, string id, long revision, string sender, DocumentScope scope, IEnumerable<string> audience, IEnumerable<string> recipients,
        string? jurisdiction, IEnumerable<Geo.GeoPoint> positions, IReadOnlyDictionary<string, string> attributes)
    {
        var envelope = new Envelope
        {
            Id = EntityMessages.MessageId(kind, owner, id, revision, sender),
            Kind = kind,
            Sender = sender,
            Entity = EntityMessages.Key(kind, owner, id),
            Revision = (ulong)Math.Max(0, revision),
            Scope = scope switch
            {
                DocumentScope.Public => Scope.Public,
                DocumentScope.Restricted => Scope.Restricted,
                DocumentScope.Private => Scope.Private,
                _ => Scope.Unspecified,
            },
        };
        if (scope == DocumentScope.Restricted)
        {
            envelope.RestrictionRoles.AddRange(audience.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        if (scope == DocumentScope.Private)
        {
            envelope.Recipients.AddRange(recipients.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        if (!string.IsNullOrEmpty(jurisdiction))
        {
            envelope.Jurisdictions.Add(jurisdiction);
        }

        foreach (var (name, value) in attributes)
        {
            envelope.Attributes[name] = value;
        }

        if (HazardEnvelope.BoundingBoxOf(positions) is { } box)
        {
            envelope.BoundingBox = box;
        }

        return envelope;
    }

    public static Envelope Complete(Envelope envelope, ReadOnlyMemory<byte> payload, string contentType, DateTimeOffset sent)
    {
        envelope.Sent = AlertEnvelope.FormatSent(sent);
        envelope.ContentType = contentType;
        envelope.Payload = ByteString.CopyFrom(payload.Span);
        return envelope;
    }

    public static IReadOnlyList<string> Mismatches(Envelope given, Envelope derived)
    {
        ArgumentNullException.ThrowIfNull(given);
        var mismatches = new List<string>();
        Check(given.Id == derived.Id, "id");
        Check(given.Kind == derived.Kind, "kind");
        Check(given.Sender == derived.Sender, "sender");
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
}
