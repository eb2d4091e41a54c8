using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Json;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;

namespace CityRisk.Sdk.Tests;

/// <summary>Alerts the SDK tests publish: valid, bilingual where it matters, with real shapes.</summary>
internal static class SampleAlerts
{
    public static string CapSender(string partner) => $"alerts@{partner}.example.cn";

    public static Alert Typhoon(string id = "foshan-typhoon-1", string partner = "foshan-em", AlertScope scope = AlertScope.Public, WarningLevel level = WarningLevel.Orange, double longitude = 113.0) => new()
    {
        Identifier = id,
        Sender = CapSender(partner),
        Sent = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(8)),
        Status = AlertStatus.Actual,
        MessageType = AlertMessageType.Alert,
        Scope = scope,
        Restriction = scope == AlertScope.Restricted ? "Lifeline operators only" : null,
        Info =
        [
            new AlertInfo
            {
                Language = "zh-CN",
                Categories = [AlertCategory.Met],
                Event = "台风",
                Urgency = AlertUrgency.Expected,
                Severity = AlertSeverity.Severe,
                Certainty = AlertCertainty.Likely,
                Level = level,
                Areas =
                [
                    new Area
                    {
                        Description = "佛山市",
                        Polygons = [GeoPolygon.FromRing(new(longitude, 22.8), new(longitude + 0.4, 22.8), new(longitude + 0.4, 23.2), new(longitude, 23.2), new(longitude, 22.8))],
                        Geocodes = [new NamedValue(Jurisdiction.GeocodeValueName, "440600")],
                    },
                ],
            },
        ],
    };

    public static Envelope Envelope(Alert alert, string partner = "foshan-em") =>
        AlertEnvelope.Create(alert, partner, CityRiskJson.Write(alert), CityRiskJson.ContentType(DocumentKinds.Alert));
}
