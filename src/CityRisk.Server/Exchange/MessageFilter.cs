using CityRisk.Server.Storage;
using CityRisk.Wire.V1;
using WireLevel = CityRisk.Wire.V1.WarningLevel;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Whether a stored message matches a query or subscription filter. Every set field must match.
/// The area filter compares bounding boxes for now: precise polygon, circle and geocode geometry is the next step.
/// </summary>
internal sealed class MessageFilter(Filter? filter)
{
    private readonly Filter _filter = filter ?? new Filter();
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

        if (filter?.Area?.BoundingBox is { } box && (box.South > box.North || box.South < -90 || box.North > 90 || box.West < -180 || box.East > 180))
        {
            problems.Add("the area's bounding box is out of range or upside down");
        }

        return problems;
    }

    public bool Matches(StoredMessage stored, Envelope envelope, DateTimeOffset now)
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

        if (!_filter.IncludeExpired && stored.ExpiresAt is { } expires && expires <= now)
        {
            return false;
        }

        return _filter.Area is null || IntersectsArea(envelope.BoundingBox, _filter.Area);
    }

    private static bool IntersectsArea(BoundingBox? message, AreaFilter area)
    {
        if (message is null)
        {
            return false;
        }

        var wanted = area.ShapeCase switch
        {
            AreaFilter.ShapeOneofCase.BoundingBox => area.BoundingBox,
            AreaFilter.ShapeOneofCase.Polygon when area.Polygon.Ring.Count > 0 => new BoundingBox
            {
                West = area.Polygon.Ring.Min(p => p.Longitude),
                East = area.Polygon.Ring.Max(p => p.Longitude),
                South = area.Polygon.Ring.Min(p => p.Latitude),
                North = area.Polygon.Ring.Max(p => p.Latitude),
            },
            _ => null,
        };
        return wanted is not null
            && message.West <= wanted.East && wanted.West <= message.East
            && message.South <= wanted.North && wanted.South <= message.North;
    }
}
