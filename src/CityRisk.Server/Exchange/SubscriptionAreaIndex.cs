using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Quadtree;

namespace CityRisk.Server.Exchange;

/// <summary>
/// The areas of live subscriptions in a quadtree, so a message's shape is matched against thousands of them by
/// looking only at those whose boxes overlap it, then testing each exactly. Not thread-safe: its owner locks.
/// </summary>
internal sealed class SubscriptionAreaIndex
{
    private readonly Quadtree<Entry> _tree = new();
    private readonly Dictionary<long, Entry> _entries = [];
    private long _nextId;

    public int Count => _entries.Count;

    public long Add(IPreparedGeometry area)
    {
        var entry = new Entry(++_nextId, area);
        _entries[entry.Id] = entry;
        _tree.Insert(area.Geometry.EnvelopeInternal, entry);
        return entry.Id;
    }

    public void Remove(long id)
    {
        if (_entries.Remove(id, out var entry))
        {
            _tree.Remove(entry.Area.Geometry.EnvelopeInternal, entry);
        }
    }

    public IReadOnlySet<long> Matching(Geometry? shape)
    {
        if (shape is null || _entries.Count == 0)
        {
            return EmptySet;
        }

        HashSet<long>? matches = null;
        foreach (var candidate in _tree.Query(shape.EnvelopeInternal))
        {
            // The quadtree returns a superset: boxes near the shape's box. Keep the exact intersections.
            if (candidate.Area.Geometry.EnvelopeInternal.Intersects(shape.EnvelopeInternal) && candidate.Area.Intersects(shape))
            {
                (matches ??= []).Add(candidate.Id);
            }
        }

        return matches ?? EmptySet;
    }

    private static readonly IReadOnlySet<long> EmptySet = new HashSet<long>();

    private sealed record Entry(long Id, IPreparedGeometry Area);
}
