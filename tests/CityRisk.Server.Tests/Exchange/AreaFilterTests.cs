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
}
