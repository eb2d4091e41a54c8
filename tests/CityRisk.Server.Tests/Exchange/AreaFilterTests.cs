using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>Area filters intersect real shapes: polygons, geodesic circles, and geocodes through the geocode table.</summary>
public sealed class AreaFilterTests : IAsyncLifetime
{
    // Around the Macau peninsula and the Inner Harbour.
    private static readonly AreaFilter Macau = new() { Polygon = new Polygon { Ring = { P(113.52, 22.18), P(113.58, 22.18), P(113.58, 22.23), P(113.52, 22.23), P(113.52, 22.18) } } };

    private TestHub _hub = null!;

    public async ValueTask InitializeAsync() => _hub = await TestHub.StartAsync();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private static Position P(double longitude, double latitude) => new() { Longitude = longitude, Latitude = latitude };

    private Task<PublishResponse> PublishAsync(string id, Area area)
    {
        var alert = TestHub.Alert("foshan-em", id);
        alert = alert with { Info = [alert.Info[0] with { Areas = [area] }] };
        return _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", alert), "foshan-em");
    }

    private async Task PublishAllAsync()
    {
        await PublishAsync("macau-geocode", new Area { Description = "Macau", Geocodes = [new NamedValue("GB/T 2260", "820000")] });
        await PublishAsync("near-circle", new Area { Description = "Taipa bridge", Circles = [new GeoCircle(new GeoPoint(113.545, 22.17), 2)] });
        await PublishAsync("far-circle", new Area { Description = "Zhuhai west", Circles = [new GeoCircle(new GeoPoint(113.40, 22.10), 2)] });
        await PublishAsync("shenzhen-geocode", new Area { Description = "Shenzhen", Geocodes = [new NamedValue("GB/T 2260", "440300")] });
        // An L whose bounding box covers Macau while both arms pass west and south of it: a box test would match.
        await PublishAsync("l-shape-miss", new Area
        {
            Description = "L",
            Polygons = [GeoPolygon.FromRing(new(113.40, 22.10), new(113.70, 22.10), new(113.70, 22.12), new(113.42, 22.12), new(113.42, 22.40), new(113.40, 22.40), new(113.40, 22.10))],
        });
        await PublishAsync("no-area", new Area { Description = "nowhere in particular" });
    }

    private static readonly string[] Expected = ["macau-geocode", "near-circle"];

    [Fact]
    public async Task Query_matches_shapes_not_boxes()
    {
        await PublishAllAsync();
        Assert.Equal(Expected, (await _hub.QueryAllAsync("macau-smg", new Filter { Area = Macau })).Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task Catch_up_from_the_store_matches_shapes()
    {
        await PublishAllAsync();
        Assert.Equal(Expected, (await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true, Filter = new Filter { Area = Macau } }, "macau-smg", 2)).Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task Live_delivery_matches_through_the_area_index()
    {
        var received = await _hub.TakeAsync(new SubscribeRequest { FromNow = true, Filter = new Filter { Area = Macau } }, "macau-smg", 3, async () =>
        {
            await PublishAllAsync();
            await PublishAsync("macau-polygon", new Area { Description = "Inner Harbour", Polygons = [GeoPolygon.FromRing(new(113.53, 22.19), new(113.54, 22.19), new(113.54, 22.20), new(113.53, 22.20), new(113.53, 22.19))] });
        });
        Assert.Equal([.. Expected, "macau-polygon"], received.Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task A_bounding_box_filter_works_too()
    {
        await PublishAllAsync();
        var box = new AreaFilter { BoundingBox = new BoundingBox { West = 113.7, South = 22.4, East = 114.0, North = 22.6 } };
        Assert.Equal(["shenzhen-geocode"], (await _hub.QueryAllAsync("macau-smg", new Filter { Area = box })).Select(d => d.Envelope.Id));
    }

    [Theory]
    [InlineData("two points")]
    [InlineData("bow tie")]
    [InlineData("out of range")]
    [InlineData("upside-down box")]
    [InlineData("empty")]
    public async Task Bad_areas_are_invalid_argument(string what)
    {
        var area = what switch
        {
            "two points" => new AreaFilter { Polygon = new Polygon { Ring = { P(113.5, 22.1), P(113.6, 22.2) } } },
            "bow tie" => new AreaFilter { Polygon = new Polygon { Ring = { P(113.5, 22.1), P(113.6, 22.2), P(113.6, 22.1), P(113.5, 22.2), P(113.5, 22.1) } } },
            "out of range" => new AreaFilter { Polygon = new Polygon { Ring = { P(22.1, 113.5), P(22.2, 113.6), P(22.1, 113.6) } } },
            "upside-down box" => new AreaFilter { BoundingBox = new BoundingBox { West = 114, South = 23, East = 113, North = 22 } },
            _ => new AreaFilter(),
        };
        var error = await Assert.ThrowsAsync<RpcException>(() => _hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Area = area } }, "macau-smg"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task A_box_across_the_antimeridian_finds_circles_on_both_sides_and_nothing_else()
    {
        await PublishAsync("east-of-180", new Area { Description = "Fiji east", Circles = [new GeoCircle(new GeoPoint(179.99, -16.5), 5)] });
        await PublishAsync("west-of-180", new Area { Description = "Fiji west", Circles = [new GeoCircle(new GeoPoint(-179.95, -16.5), 5)] });
        await PublishAsync("straddling", new Area { Description = "on the line", Circles = [new GeoCircle(new GeoPoint(180, -17.5), 20)] });
        await PublishAsync("greenwich", new Area { Description = "far away", Circles = [new GeoCircle(new GeoPoint(0, -16.5), 5)] });

        var across = new AreaFilter { BoundingBox = new BoundingBox { West = 179.9, South = -18, East = -179.9, North = -16 } };
        Assert.Equal(["east-of-180", "west-of-180", "straddling"], (await _hub.QueryAllAsync("macau-smg", new Filter { Area = across })).Select(d => d.Envelope.Id));

        // Just west of the line: the part of the straddling circle that lies beyond 180 is found from the other side.
        var westOnly = new AreaFilter { BoundingBox = new BoundingBox { West = -179.99, South = -18, East = -179.9, North = -17 } };
        Assert.Equal(["straddling"], (await _hub.QueryAllAsync("macau-smg", new Filter { Area = westOnly })).Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task A_circle_around_a_pole_is_found_at_every_longitude_near_the_pole()
    {
        await PublishAsync("arctic", new Area { Description = "around the pole", Circles = [new GeoCircle(new GeoPoint(10, 89.8), 60)] });
        await PublishAsync("on-the-pole", new Area { Description = "at the pole", Circles = [new GeoCircle(new GeoPoint(0, 90), 30)] });
        await PublishAsync("svalbard", new Area { Description = "not at the pole", Circles = [new GeoCircle(new GeoPoint(15, 78), 30)] });

        // On the far side of the pole from the arctic circle's centre.
        var farSide = new AreaFilter { BoundingBox = new BoundingBox { West = -171, South = 89.75, East = -169, North = 89.85 } };
        Assert.Equal(["arctic", "on-the-pole"], (await _hub.QueryAllAsync("macau-smg", new Filter { Area = farSide })).Select(d => d.Envelope.Id));
        var live = await _hub.TakeAsync(new SubscribeRequest { FromBeginning = true, Filter = new Filter { Area = farSide } }, "macau-smg", 2);
        Assert.Equal(["arctic", "on-the-pole"], live.Select(d => d.Envelope.Id));
    }
}
