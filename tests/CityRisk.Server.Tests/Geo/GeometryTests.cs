using CityRisk.Geo;
using CityRisk.Server.Exchange;
using CityRisk.Server.Geo;
using NetTopologySuite.Geometries.Prepared;

namespace CityRisk.Server.Tests.Geo;

public class GeometryTests
{
    [Fact]
    public void A_circle_is_a_geodesic_polygon_of_its_radius()
    {
        var circle = new GeoCircle(new GeoPoint(113.5435, 22.1987), 5);
        var polygon = GeometryBuilder.Circle(circle);
        Assert.Equal(33, polygon.NumPoints);
        foreach (var vertex in polygon.Coordinates)
        {
            Assert.Equal(5, HaversineKm(22.1987, 113.5435, vertex.Y, vertex.X), 3);
        }
    }

    [Theory]
    [InlineData("440600", true)]
    [InlineData("440605", true)]   // Nanhai district: falls back to Foshan
    [InlineData("445381", true)]   // a county of Yunfu
    [InlineData("441500", true)]   // Shanwei: no shape of its own, falls back to Guangdong
    [InlineData("650100", false)]  // Urumqi: not in the coarse table
    [InlineData("not-a-code", false)]
    public void Geocodes_resolve_to_their_own_city_or_province_shape(string code, bool resolves) =>
        Assert.Equal(resolves, GeocodeTable.Default.Resolve(code) is not null);

    [Fact]
    public void A_district_uses_its_city_shape()
    {
        Assert.Equal(GeocodeTable.Default.Resolve("440600")!.EnvelopeInternal, GeocodeTable.Default.Resolve("440605")!.EnvelopeInternal);
        Assert.NotEqual(GeocodeTable.Default.Resolve("440600")!.EnvelopeInternal, GeocodeTable.Default.Resolve("440000")!.EnvelopeInternal);
    }

    [Fact]
    public void An_extra_table_adds_shapes_and_a_bad_one_is_a_clear_error()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "shapes": { "650100": { "name": "Urumqi", "polygon": [[87.3, 43.6], [87.9, 43.6], [87.9, 44.0], [87.3, 44.0]] } } }""");
            Assert.NotNull(GeocodeTable.Load(file).Resolve("650100"));

            File.WriteAllText(file, """{ "shapes": { "65": { "bbox": [1, 2, 3, 4] } } }""");
            var error = Assert.Throws<InvalidOperationException>(() => GeocodeTable.Load(file));
            Assert.Contains("'65'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_area_index_finds_exactly_what_testing_every_area_finds()
    {
        var random = new Random(1440);
        var index = new SubscriptionAreaIndex();
        var areas = new Dictionary<long, IPreparedGeometry>();
        for (var i = 0; i < 10_000; i++)
        {
            var (west, south) = (110 + (random.NextDouble() * 12), 20 + (random.NextDouble() * 12));
            var area = PreparedGeometryFactory.Prepare(GeometryBuilder.Box(west, south, west + (random.NextDouble() * 0.5), south + (random.NextDouble() * 0.5)));
            areas[index.Add(area)] = area;
        }

        for (var i = 0; i < 200; i++)
        {
            var shape = GeometryBuilder.Circle(new GeoCircle(new GeoPoint(110 + (random.NextDouble() * 12), 20 + (random.NextDouble() * 12)), random.NextDouble() * 30));
            var expected = areas.Where(a => a.Value.Intersects(shape)).Select(a => a.Key).ToHashSet();
            Assert.True(expected.SetEquals(index.Matching(shape)));
        }

        var removed = areas.Keys.First();
        index.Remove(removed);
        Assert.Equal(9_999, index.Count);
        Assert.DoesNotContain(removed, index.Matching(areas[removed].Geometry));
    }

    private static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2));
        return 2 * 6371.0088 * Math.Asin(Math.Sqrt(a));
    }
}
