using BenchmarkDotNet.Attributes;
using CityRisk.Geo;
using CityRisk.Server.Exchange;
using CityRisk.Server.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityRisk.Benchmarks;

/// <summary>
/// Matching one message's shape against 10,000 live area subscriptions (boxes of up to ~50 km across the Pearl
/// River Delta and beyond): the hub's quadtree index against testing every prepared area (the baseline).
/// </summary>
[MemoryDiagnoser]
public class AreaMatchingBenchmarks
{
    private readonly SubscriptionAreaIndex _index = new();
    private readonly List<IPreparedGeometry> _areas = [];
    private Geometry[] _messages = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(10_000);
        for (var i = 0; i < 10_000; i++)
        {
            var (west, south) = (110 + (random.NextDouble() * 12), 20 + (random.NextDouble() * 12));
            var area = PreparedGeometryFactory.Prepare(GeometryBuilder.Box(west, south, west + (random.NextDouble() * 0.5), south + (random.NextDouble() * 0.5)));
            _areas.Add(area);
            _index.Add(area);
        }

        _messages = [.. Enumerable.Range(0, 64).Select(_ => (Geometry)GeometryBuilder.Circle(new GeoCircle(new GeoPoint(110 + (random.NextDouble() * 12), 20 + (random.NextDouble() * 12)), 1 + (random.NextDouble() * 20))))];
    }

    [Benchmark(Baseline = true, Description = "test all 10,000 areas")]
    public int EveryArea()
    {
        var shape = _messages[_next++ & 63];
        var count = 0;
        foreach (var area in _areas)
        {
            if (area.Intersects(shape))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Description = "quadtree index, then exact test")]
    public int Index() => _index.Matching(_messages[_next++ & 63]).Count;
}
