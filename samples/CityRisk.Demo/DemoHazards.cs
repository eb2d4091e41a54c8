using CityRisk.Geo;
using CityRisk.Hazards;

namespace CityRisk.Demo;

/// <summary>The Hefei part of the demo: a monitored bridge (as in samples/hazards/hefei-bridge.json) and its strain readings.</summary>
internal static class DemoHazards
{
    public const string Owner = "hefei-lifeline";

    /// <summary>The Nanfei River Bridge: strain at pier 3, Yellow 800, Orange 1000, Red 1200 µm/m, 50 µm/m band, 10 minutes.</summary>
    public static Hazard Bridge { get; } = new()
    {
        Id = "hf-bridge-0042",
        Owner = Owner,
        Revision = 1,
        Name = new LocalizedText([new("zh-Hans", "南淝河大桥"), new("en", "Nanfei River Bridge")]),
        Type = HazardTypes.Bridge,
        Domain = RiskDomain.Lifeline,
        RiskGrade = RiskGrade.Significant,
        Geometry = new LineGeometry([new GeoPoint(117.29, 31.86), new GeoPoint(117.30, 31.865)]),
        Jurisdiction = "340102",
        Scope = DocumentScope.Restricted,
        Audience = ["lifeline-operator", "partner:hefei-em"],
        Indicators =
        [
            new Indicator
            {
                Id = "strain-s3",
                Name = "Strain at pier 3",
                Unit = "um/m",
                Direction = ThresholdDirection.Above,
                Thresholds = new IndicatorThresholds { Yellow = 800, Orange = 1000, Red = 1200 },
                Hysteresis = 50,
                MinimumDuration = TimeSpan.FromMinutes(10),
            },
        ],
    };

    /// <summary>A reading of the strain gauge.</summary>
    public static Observation Strain(DateTimeOffset observedAt, double value) => new()
    {
        HazardOwner = Owner,
        HazardId = Bridge.Id,
        IndicatorId = "strain-s3",
        ObservedAt = observedAt,
        Value = value,
        Unit = "um/m",
        SensorId = "s3-a",
    };
}
