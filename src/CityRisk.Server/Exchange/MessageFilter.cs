using CityRisk.Server.Geo;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Protocol.V1;
using NetTopologySuite.Geometries;
using Envelope = CityRisk.Protocol.V1.Envelope;
using NetTopologySuite.Geometries.Prepared;
using WireLevel = CityRisk.Protocol.V1.WarningLevel;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Whether a stored message matches a query or subscription filter. Every set field must match. The area filter
/// intersects the filter's polygon or box with the message's shape (polygons, geodesic circles, and geocodes
/// resolved through the geocode table), computed once at publish.
/// </summary>
internal sealed class MessageFilter(Filter? filter)
{
    private readonly Filter _filter = filter ?? new Filter();

    /// <summary>The filter's area, prepared for many intersection tests; null when the filter has none.</summary>
    public IPreparedGeometry? Area { get; } = filter?.Area is { } area && ToGeometry(area) is { } geometry ? PreparedGeometryFactory.Prepare(geometry) : null;
    private readonly Jurisdiction[] _jurisdictions = [.. (filter?.Jurisdictions ?? []).Select(code => Jurisdiction.TryParse(code, out var j) ? j : default).Where(j => j.Code.Length > 0)];

    /// <summary>The filter's invalid parts, for an INVALID_ARGUMENT before anything is read.</summary>
    public static IReadOnlyList<string> Problems(Filter? filter)
    {
        var problems = new List<string>();
        foreach (var code in filter?.Jurisdictions ?? [])
        {
            if (!Jurisdiction.TryParse(code, out _))
            {
                problems.Add($"'{code}' is not a GB/T 2260 code");
            }
        }

        // West greater than east is a box across the antimeridian, not an error.
        if (filter?.Area?.BoundingBox is { } box && (box.South > box.North || box.South < -90 || box.North > 90 || box.West < -180 || box.West > 180 || box.East < -180 || box.East > 180))
        {
            problems.Add("the area's bounding box is out of range or upside down (west, south, east, north in degrees; south at most north; west greater than east crosses the antimeridian)");
        }

        if (filter?.Area?.Polygon is { } polygon && (polygon.Ring.Select(p => (p.Longitude, p.Latitude)).Distinct().Count() < 3
            || polygon.Ring.Any(p => p.Longitude is < -180 or > 180 || p.Latitude is < -90 or > 90)
            || ToGeometry(filter.Area) is not { IsValid: true }))
        {
            problems.Add("the area's polygon needs at least three distinct points in range and must not cross itself");
        }

        foreach (var condition in filter?.Attributes ?? [])
        {
            if (string.IsNullOrEmpty(condition.Name) || condition.Values.Count == 0)
            {
                problems.Add($"the attribute condition '{condition.Name}' needs a name and at least one value");
            }
        }

        foreach (var key in filter?.Entities ?? [])
        {
            if (string.IsNullOrEmpty(key.Kind) || string.IsNullOrEmpty(key.Owner) || string.IsNullOrEmpty(key.Id))
            {
                problems.Add($"the entity key ({key.Kind}, {key.Owner}, {key.Id}) needs a kind, an owner and an id");
            }
        }

        if (filter?.Area is { ShapeCase: AreaFilter.ShapeOneofCase.None })
        {
            problems.Add("the area names neither a bounding box nor a polygon");
        }

        return problems;
    }

    /// <summary>
    /// Every criterion but the area, which callers check with <see cref="MatchesArea"/> or the area index. With
    /// <paramref name="currentOnly"/> (Query), expired and superseded alerts are left out unless the filter asks for
    /// them; Subscribe replays the log and passes false.
    /// </summary>
    public bool Matches(StoredMessage stored, Envelope envelope, DateTimeOffset now, bool currentOnly)
    {
        if (_filter.Kinds.Count > 0 && !_filter.Kinds.Contains(envelope.Kind))
        {
            return false;
        }

        if (_filter.Senders.Count > 0 && !_filter.Senders.Contains(envelope.Sender))
        {
            return false;
        }

        if (_jurisdictions.Length > 0 && !envelope.Jurisdictions.Any(code =>
                Jurisdiction.TryParse(code, out var j) && _jurisdictions.Any(wanted => j.IsWithin(wanted))))
        {
            return false;
        }

        if (_filter.MinSeverity != Severity.Unspecified && envelope.Severity < _filter.MinSeverity)
        {
            return false;
        }

        if (_filter.MinLevel != WireLevel.Unspecified && envelope.Level < _filter.MinLevel)
        {
            return false;
        }

        if (_filter.Entities.Count > 0 && !(envelope.Entity is { } entity && _filter.Entities.Any(k => k.Kind == entity.Kind && k.Owner == entity.Owner && k.Id == entity.Id)))
        {
            return false;
        }

        foreach (var condition in _filter.Attributes)
        {
            if (!envelope.Attributes.TryGetValue(condition.Name, out var value) || !condition.Values.Contains(value))
            {
                return false;
            }
        }

        if (currentOnly && !_filter.IncludeExpired && stored.ExpiresAt is { } expires && expires <= now)
        {
            return false;
        }

        if (currentOnly && !_filter.IncludeSuperseded && stored.SupersededBy is not null)
        {
            return false;
        }

        return true;
    }

    public bool MatchesArea(Geometry? shape) => Area is null || (shape is not null && Area.Intersects(shape));

    /// <summary>The shape of a stored message (parsed from its WKB), for the read paths that do not have it at hand.</summary>
    public static Geometry? ShapeOf(StoredMessage stored) => stored.Geometry is { } wkb ? GeometryBuilder.FromWkb(wkb) : null;

    private static Geometry? ToGeometry(AreaFilter area) => area.ShapeCase switch
    {
        AreaFilter.ShapeOneofCase.BoundingBox => GeometryBuilder.FilterBox(area.BoundingBox.West, area.BoundingBox.South, area.BoundingBox.East, area.BoundingBox.North),
        AreaFilter.ShapeOneofCase.Polygon when area.Polygon.Ring.Count >= 3 => GeometryBuilder.Polygon([.. area.Polygon.Ring.Select(p => new GeoPointLike(p.Longitude, p.Latitude))]),
        _ => null,
    };
}
