using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Protocol.V1;
using Google.Protobuf;
using WireLevel = CityRisk.Protocol.V1.WarningLevel;

namespace CityRisk.Protocol;

/// <summary>
/// The envelope of an alert, derived from the alert itself (docs/protocol.md §4): a client
/// builds it to publish, and a hub derives it again and refuses an envelope that disagrees, naming the fields. One
/// implementation for both sides, so they cannot drift apart.
/// </summary>
public static class AlertEnvelope
{
    /// <summary>
    /// How far, in degrees, each value of an envelope's bounding box may be from the derived one: 1e-5 (about a
    /// metre), enough for a client that computes in float32 or with another libm, small enough to mean the same box.
    /// </summary>
    public const double BoundingBoxTolerance = 1e-5;

    /// <summary>Builds the envelope for publishing an alert as <paramref name="sender"/>.</summary>
    /// <param name="alert">The alert (already valid).</param>
    /// <param name="sender">The publishing partner's id.</param>
    /// <param name="payload">The alert's document, CityRisk JSON or CAP XML.</param>
    /// <param name="contentType">The payload's media type.</param>
    /// <param name="restrictionRoles">For a Restricted alert, the roles and partner references of its audience.</param>
    /// <returns>The envelope, ready to publish.</returns>
    public static Envelope Create(Alert alert, string sender, ReadOnlyMemory<byte> payload, string contentType, IEnumerable<string>? restrictionRoles = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var envelope = Derive(alert);
        envelope.Sender = sender;
        envelope.ContentType = contentType;
        envelope.Payload = ByteString.CopyFrom(payload.Span);
        if (alert.Scope == AlertScope.Restricted)
        {
            envelope.RestrictionRoles.AddRange(restrictionRoles ?? []);
        }

        return envelope;
    }

    /// <summary>The routing fields an alert implies (everything but sender, content type, payload and restriction roles).</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>An envelope with the derived fields set.</returns>
    public static Envelope Derive(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var envelope = new Envelope
        {
            Id = alert.Identifier,
            Kind = DocumentKinds.Alert,
            Sent = FormatSent(alert.Sent),
            Scope = alert.Scope switch
            {
                AlertScope.Public => Scope.Public,
                AlertScope.Restricted => Scope.Restricted,
                AlertScope.Private => Scope.Private,
                _ => Scope.Unspecified,
            },
            Severity = alert.Info.Count == 0 ? Severity.Unspecified : ToWire(alert.Info.Max(i => i.Severity)),
            Level = alert.Info.Select(i => i.Level).Max() is { } level ? ToWire(level) : WireLevel.Unspecified,
        };

        if (alert.Scope == AlertScope.Private)
        {
            envelope.Recipients.AddRange((alert.Addresses ?? []).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        // For alerts a reference names the CAP sender as written; the hub maps CAP senders to partners.
        envelope.References.AddRange((alert.References ?? []).Select(r => new MessageRef { Sender = r.Sender, Id = r.Identifier }));

        var areas = alert.Info.SelectMany(i => i.Areas).ToList();
        envelope.Jurisdictions.AddRange(areas.SelectMany(a => a.Jurisdictions()).Select(j => j.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        if (BoundingBoxOf(areas) is { } box)
        {
            envelope.BoundingBox = box;
        }

        return envelope;
    }

    /// <summary>
    /// The envelope fields that disagree with what the alert implies, by their .proto names; empty when the envelope
    /// is consistent. A Restricted alert without restriction roles is reported as <c>restriction_roles</c>.
    /// </summary>
    /// <param name="given">The envelope as received.</param>
    /// <param name="alert">Its payload, read.</param>
    /// <returns>The .proto names of the fields that disagree.</returns>
    public static IReadOnlyList<string> Mismatches(Envelope given, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(alert);
        var derived = Derive(alert);
        var mismatches = new List<string>();
        Check(given.Id == derived.Id, "id");
        Check(given.Kind == derived.Kind, "kind");
        Check(SameInstantAndOffset(given.Sent, alert.Sent), "sent");
        Check(given.Scope == derived.Scope, "scope");
        Check(derived.Scope != Scope.Restricted || given.RestrictionRoles.Any(r => !string.IsNullOrWhiteSpace(r)), "restriction_roles");
        Check(SameSet(given.Recipients, derived.Recipients), "recipients");
        Check(SameSet(given.References.Select(r => $"{r.Sender}\n{r.Id}"), derived.References.Select(r => $"{r.Sender}\n{r.Id}")), "references");
        Check(SameSet(given.Jurisdictions, derived.Jurisdictions), "jurisdictions");
        Check(SameBox(given.BoundingBox, derived.BoundingBox), "bounding_box");
        Check(given.Severity == derived.Severity, "severity");
        Check(given.Level == derived.Level, "level");
        Check(given.Entity is null && given.Revision == 0, "entity");
        return mismatches;

        void Check(bool agrees, string field)
        {
            if (!agrees)
            {
                mismatches.Add(field);
            }
        }
    }

    /// <summary>RFC 3339 with the original offset: <c>2026-11-23T14:05:12+08:00</c>.</summary>
    /// <param name="sent">The alert's sent time.</param>
    /// <returns>The envelope's <c>sent</c> text.</returns>
    public static string FormatSent(DateTimeOffset sent) => sent.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// The box around an alert's polygons and circles (geocodes name places, not geometry, and are left out).
    /// A circle counts as its centre plus its radius in degrees: radius / 111.32 km of latitude, and radius /
    /// (111.32 km × cos(latitude of the centre)) of longitude (half the world when the cosine is under 1e-6), each
    /// clamped to the valid range; the hub accepts a box within <see cref="BoundingBoxTolerance"/> of this one
    /// (docs/protocol.md §10.2).
    /// </summary>
    /// <param name="areas">The areas of every info block.</param>
    /// <returns>The box, or null when the areas have no polygon or circle.</returns>
    public static BoundingBox? BoundingBoxOf(IEnumerable<Area> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        double west = double.MaxValue, south = double.MaxValue, east = double.MinValue, north = double.MinValue;
        var any = false;
        foreach (var area in areas)
        {
            foreach (var point in area.Polygons.SelectMany(p => p.OuterRing))
            {
                Include(point.Longitude, point.Latitude, 0, 0);
            }

            foreach (var circle in area.Circles)
            {
                const double KilometresPerDegree = 111.32;
                var latitudeDelta = circle.RadiusKm / KilometresPerDegree;
                var cosine = Math.Cos(circle.Center.Latitude * Math.PI / 180);
                var longitudeDelta = cosine < 1e-6 ? 180 : circle.RadiusKm / (KilometresPerDegree * cosine);
                Include(circle.Center.Longitude, circle.Center.Latitude, Math.Min(longitudeDelta, 180), latitudeDelta);
            }
        }

        return any ? new BoundingBox { West = Math.Max(west, -180), South = Math.Max(south, -90), East = Math.Min(east, 180), North = Math.Min(north, 90) } : null;

        void Include(double longitude, double latitude, double longitudeDelta, double latitudeDelta)
        {
            any = true;
            west = Math.Min(west, longitude - longitudeDelta);
            east = Math.Max(east, longitude + longitudeDelta);
            south = Math.Min(south, latitude - latitudeDelta);
            north = Math.Max(north, latitude + latitudeDelta);
        }
    }

    /// <summary>A CAP severity as the wire's ordered enum.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The wire value.</returns>
    public static Severity ToWire(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Unknown => Severity.Unknown,
        AlertSeverity.Minor => Severity.Minor,
        AlertSeverity.Moderate => Severity.Moderate,
        AlertSeverity.Severe => Severity.Severe,
        AlertSeverity.Extreme => Severity.Extreme,
        _ => Severity.Unspecified,
    };

    /// <summary>A warning level as the wire's ordered enum.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The wire value.</returns>
    public static WireLevel ToWire(WarningLevel level) => level switch
    {
        WarningLevel.Blue => WireLevel.Blue,
        WarningLevel.Yellow => WireLevel.Yellow,
        WarningLevel.Orange => WireLevel.Orange,
        WarningLevel.Red => WireLevel.Red,
        _ => WireLevel.Unspecified,
    };

    /// <summary>A wire warning level as the contract's; null for unspecified (normal, no warning).</summary>
    /// <param name="level">The wire value.</param>
    /// <returns>The level, or null.</returns>
    public static WarningLevel? FromWire(WireLevel level) => level switch
    {
        WireLevel.Blue => WarningLevel.Blue,
        WireLevel.Yellow => WarningLevel.Yellow,
        WireLevel.Orange => WarningLevel.Orange,
        WireLevel.Red => WarningLevel.Red,
        _ => null,
    };

    private static bool SameInstantAndOffset(string text, DateTimeOffset expected) =>
        DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
        && value == expected && value.Offset == expected.Offset;

    /// <summary>Whether two lists hold the same strings, ignoring order and repeats (how audiences are compared).</summary>
    /// <param name="given">One list.</param>
    /// <param name="derived">The other.</param>
    /// <returns>True when they hold the same strings.</returns>
    public static bool SameSet(IEnumerable<string> given, IEnumerable<string> derived) =>
        (given ?? throw new ArgumentNullException(nameof(given))).ToHashSet(StringComparer.Ordinal).SetEquals(derived);

    internal static bool SameBox(BoundingBox? given, BoundingBox? derived)
    {
        if (given is null || derived is null)
        {
            return given is null && derived is null;
        }

        return Math.Abs(given.West - derived.West) <= BoundingBoxTolerance && Math.Abs(given.South - derived.South) <= BoundingBoxTolerance
            && Math.Abs(given.East - derived.East) <= BoundingBoxTolerance && Math.Abs(given.North - derived.North) <= BoundingBoxTolerance;
    }

    /// <summary>
    /// What an envelope field says and what the payload implies, for the problem that refuses it: "is X; the payload
    /// implies Y".
    /// </summary>
    /// <param name="given">The envelope as received.</param>
    /// <param name="alert">Its payload, read.</param>
    /// <param name="field">A field <see cref="Mismatches"/> named.</param>
    /// <returns>A sentence for a person, with both values.</returns>
    public static string DescribeMismatch(Envelope given, Alert alert, string field)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(alert);
        var derived = Derive(alert);
        var (received, expected) = field switch
        {
            "id" => (Quote(given.Id), Quote(derived.Id)),
            "kind" => (Quote(given.Kind), Quote(derived.Kind)),
            "sent" => (Quote(given.Sent), Quote(derived.Sent)),
            "scope" => (given.Scope.ToString(), derived.Scope.ToString()),
            "restriction_roles" => ("empty", "at least one role or partner:<id> for a Restricted message"),
            "recipients" => (List(given.Recipients), List(derived.Recipients)),
            "references" => (List(given.References.Select(r => $"{r.Sender}/{r.Id}")), List(derived.References.Select(r => $"{r.Sender}/{r.Id}"))),
            "jurisdictions" => (List(given.Jurisdictions), List(derived.Jurisdictions)),
            "bounding_box" => (Box(given.BoundingBox), Box(derived.BoundingBox) + FormattableString.Invariant($", each value within {BoundingBoxTolerance} degrees (docs/protocol.md §10.2)")),
            "severity" => (given.Severity.ToString(), derived.Severity.ToString()),
            "level" => (given.Level.ToString(), derived.Level.ToString()),
            "entity" => (given.Entity is null ? $"revision {given.Revision}" : $"{given.Entity.Kind}/{given.Entity.Owner}/{given.Entity.Id} revision {given.Revision}", "no entity and revision 0 for an alert"),
            _ => ("(unknown field)", "(unknown field)"),
        };
        return $"The envelope's {field} is {received}; the payload implies {expected}.";

        static string Quote(string value) => $"'{value}'";
        static string List(IEnumerable<string> values) => values.Any() ? $"[{string.Join(", ", values.Order(StringComparer.Ordinal))}]" : "empty";
        static string Box(BoundingBox? box) => box is null ? "unset" : FormattableString.Invariant($"[west {box.West:R}, south {box.South:R}, east {box.East:R}, north {box.North:R}]");
    }
}
