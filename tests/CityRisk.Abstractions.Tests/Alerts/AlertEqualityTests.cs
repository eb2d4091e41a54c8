using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Json;

namespace CityRisk.Tests.Alerts;

/// <summary>Alerts compare by content, so a vendor's Assert.Equal(sent, received) works across formats and copies.</summary>
public class AlertEqualityTests
{
    [Fact]
    public void An_alert_equals_what_comes_back_from_json_and_from_cap()
    {
        var sent = AlertBuilder.Valid();
        var fromJson = CityRiskJson.ReadAlert(CityRiskJson.Write(sent)).Value;
        var fromCap = CapAlertReader.Read(CapAlertWriter.Write(sent).Value!).Value;

        Assert.Equal(sent, fromJson);
        Assert.Equal(sent, fromCap);
        Assert.Equal(sent.GetHashCode(), fromJson!.GetHashCode());
        Assert.Equal(sent.GetHashCode(), fromCap!.GetHashCode());
    }

    [Fact]
    public void Copies_with_new_lists_are_equal()
    {
        var alert = AlertBuilder.Valid();
        var copy = alert with
        {
            Codes = [.. alert.Codes],
            Info = [.. alert.Info.Select(i => i with { Areas = [.. i.Areas.Select(a => a with { Polygons = [.. a.Polygons.Select(p => new GeoPolygon([.. p.Rings.Select(r => r.ToList())]))] })] })],
        };
        Assert.NotSame(alert.Info, copy.Info);
        Assert.Equal(alert, copy);
        Assert.Equal(alert.GetHashCode(), copy.GetHashCode());
    }

    [Fact]
    public void Any_difference_makes_them_unequal()
    {
        var alert = AlertBuilder.Valid();
        Assert.NotEqual(alert, alert with { Note = "changed" });
        Assert.NotEqual(alert, AlertBuilder.WithInfo(i => i with { Headline = "changed" }));
        Assert.NotEqual(alert, AlertBuilder.WithArea(a => a with { Circles = [] }));
        Assert.NotEqual(alert, AlertBuilder.WithArea(a => a with { Polygons = [GeoPolygon.FromRing(new(113.0, 23.0), new(113.1, 23.0), new(113.1, 23.1), new(113.0, 23.0))] }));
        Assert.NotEqual(alert, alert with { References = [] });
        Assert.NotEqual(alert, alert with { Sent = alert.Sent.ToUniversalTime() });
        Assert.False(alert.Equals(null));
    }
}
