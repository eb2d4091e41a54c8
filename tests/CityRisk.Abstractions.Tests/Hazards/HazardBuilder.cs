using CityRisk.Geo;
using CityRisk.Hazards;

namespace CityRisk.Tests.Hazards;

/// <summary>A valid hazard to vary: a Hefei bridge with a strain gauge, Restricted to lifeline operators.</summary>
internal static class HazardBuilder
{
    public static Indicator Strain { get; } = new()
    {
        Id = "strain-s3",
        Name = "Strain at pier 3",
        Unit = "um/m",
        Direction = ThresholdDirection.Above,
        Thresholds = new IndicatorThresholds { Yellow = 800, Orange = 1000, Red = 1200 },
        Hysteresis = 50,
        MinimumDuration = TimeSpan.FromMinutes(10),
    };

    public static Hazard Valid() => new()
    {
        Id = "hf-bridge-0042",
        Owner = "hefei-lifeline",
        Revision = 1,
        Name = new LocalizedText([new("zh-Hans", "南淝河大桥"), new("en", "Nanfei River Bridge")]),
        Type = HazardTypes.Bridge,
        Domain = RiskDomain.Lifeline,
        RiskGrade = RiskGrade.Significant,
        Geometry = new LineGeometry([new GeoPoint(117.29, 31.86), new GeoPoint(117.30, 31.865)]),
        Jurisdiction = "340102",
        Scope = DocumentScope.Restricted,
        Audience = ["lifeline-operator", "partner:hefei-em"],
        Indicators = [Strain],
    };
}
