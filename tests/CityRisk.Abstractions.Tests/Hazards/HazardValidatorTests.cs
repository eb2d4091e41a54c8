using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Problems;

namespace CityRisk.Tests.Hazards;

public sealed class HazardValidatorTests
{
    private static IReadOnlyList<string> Codes(Hazard hazard) => [.. HazardValidator.Validate(hazard).Select(p => $"{p.Code} {p.Path}")];

    [Fact]
    public void A_registered_bridge_with_a_strain_gauge_is_valid()
    {
        Assert.Empty(HazardValidator.Validate(HazardBuilder.Valid()));
        Assert.Empty(HazardValidator.Validate(HazardBuilder.Valid() with { Type = "hefei:valve-chamber", Indicators = [], Scope = DocumentScope.Public, Audience = [] }));
        Assert.Empty(HazardValidator.Validate(HazardBuilder.Valid() with { Geometry = new PointGeometry(new GeoPoint(117.29, 31.86)) }));
        Assert.Empty(HazardValidator.Validate(HazardBuilder.Valid() with { Scope = DocumentScope.Private, Audience = [], Recipients = ["hefei-em"] }));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_code_and_path()
    {
        var broken = HazardBuilder.Valid() with
        {
            Id = "bridge 42",
            Owner = "",
            Revision = 0,
            Name = new LocalizedText([new("en", " ")]),
            Type = "Bridge",
            Geometry = new LineGeometry([new GeoPoint(31.86, 117.29)]),
            Jurisdiction = "3401",
            Audience = [],
            Indicators =
            [
                HazardBuilder.Strain,
                HazardBuilder.Strain with { Unit = "micro strain", Thresholds = new IndicatorThresholds { Orange = 1000, Red = 900 } },
            ],
        };

        Assert.Equal(
            [
                "HAZARD-KEY-INVALID $.id", "HAZARD-KEY-INVALID $.owner", "HAZARD-REVISION-INVALID $.revision", "HAZARD-NAME-MISSING $.name",
                "HAZARD-TYPE-UNKNOWN $.type", "HAZARD-GEOMETRY-INVALID $.geometry.coordinates", "HAZARD-GEOMETRY-INVALID $.geometry.coordinates",
                "HAZARD-JURISDICTION-INVALID $.jurisdiction", "HAZARD-AUDIENCE-INVALID $.audience", "HAZARD-INDICATOR-ID-INVALID $.indicators[1].id",
                "HAZARD-INDICATOR-UNIT-INVALID $.indicators[1].unit", "HAZARD-INDICATOR-RULE-INVALID $.indicators[1]",
            ],
            Codes(broken));
        Assert.All(HazardValidator.Validate(broken), p => Assert.Equal(ProblemSeverity.Error, p.Severity));
    }

    [Fact]
    public void A_polygon_ring_must_close_and_a_private_hazard_needs_recipients()
    {
        var open = GeoPolygon.FromRing(new(117.2, 31.8), new(117.3, 31.8), new(117.3, 31.9), new(117.2, 31.9));
        Assert.Contains("HAZARD-GEOMETRY-INVALID $.geometry.coordinates[0]", Codes(HazardBuilder.Valid() with { Geometry = new PolygonGeometry(open) }));
        Assert.Contains("HAZARD-AUDIENCE-INVALID $.recipients", Codes(HazardBuilder.Valid() with { Scope = DocumentScope.Private, Recipients = [] }));
        Assert.Contains("HAZARD-AUDIENCE-INVALID $.recipients[0]", Codes(HazardBuilder.Valid() with { Scope = DocumentScope.Private, Recipients = ["Hefei EM"] }));
        Assert.Contains("HAZARD-GEOMETRY-INVALID $.geometry", Codes(HazardBuilder.Valid() with { Geometry = null! }));
    }

    [Fact]
    public void Types_are_the_code_list_or_a_well_formed_namespace_code()
    {
        Assert.All(HazardTypes.All, t => Assert.True(HazardTypes.IsValid(t), t));
        Assert.True(HazardTypes.IsValid("shenzhen:risk-point-7"));
        Assert.False(HazardTypes.IsValid("a:b:c"));
        Assert.False(HazardTypes.IsValid(":bridge"));
        Assert.False(HazardTypes.IsValid("hefei:"));
        Assert.False(HazardTypes.IsValid("hefei:-x"));
        Assert.False(HazardTypes.IsValid("tunnel"));
        Assert.False(HazardTypes.IsValid(null));
    }
}
