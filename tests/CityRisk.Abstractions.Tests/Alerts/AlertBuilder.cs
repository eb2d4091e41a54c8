using CityRisk.Alerts;
using CityRisk.Geo;

namespace CityRisk.Tests.Alerts;

/// <summary>A valid alert to mutate in tests: one rule broken per test.</summary>
internal static class AlertBuilder
{
    public static Alert Valid() => new()
    {
        Identifier = "FS-GAS-2026-0001",
        Sender = "monitor@foshan-gas.example.cn",
        Sent = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(8)),
        Status = AlertStatus.Actual,
        MessageType = AlertMessageType.Alert,
        Scope = AlertScope.Public,
        Info =
        [
            new AlertInfo
            {
                Language = "zh-CN",
                Categories = [AlertCategory.Infra],
                Event = "燃气管道泄漏",
                Urgency = AlertUrgency.Immediate,
                Severity = AlertSeverity.Severe,
                Certainty = AlertCertainty.Observed,
                Level = WarningLevel.Orange,
                Domain = RiskDomain.Lifeline,
                Hazards = ["fs-gas-nh-0031"],
                Areas =
                [
                    new Area
                    {
                        Description = "南海区桂城街道",
                        Polygons = [GeoPolygon.FromRing(new(113.14, 23.04), new(113.16, 23.04), new(113.16, 23.02), new(113.14, 23.02), new(113.14, 23.04))],
                        Circles = [new GeoCircle(new GeoPoint(113.15, 23.03), 0.8)],
                        Geocodes = [Jurisdiction.Parse("440605").ToGeocode()],
                    },
                ],
            },
        ],
    };

    public static Alert WithInfo(Func<AlertInfo, AlertInfo> change)
    {
        var alert = Valid();
        return alert with { Info = [change(alert.Info[0])] };
    }

    public static Alert WithArea(Func<Area, Area> change) =>
        WithInfo(info => info with { Areas = [change(info.Areas[0])] });
}
