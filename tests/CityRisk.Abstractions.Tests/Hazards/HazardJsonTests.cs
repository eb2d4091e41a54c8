using System.Text;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Testing.Shared;

namespace CityRisk.Tests.Hazards;

/// <summary>Hazards and observations as CityRisk JSON, through the format registry as every tool reads them.</summary>
public sealed class HazardJsonTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "hazards", name));

    private static ParsedDocument<object> Read(string json) => DocumentCodecs.Default.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Escaped_strings_read_as_their_text_as_System_Text_Json_writes_them()
    {
        // JsonSerializer's default encoder writes "+" as \u002B: "+08:00" arrives as "\u002B08:00".
        var escaped = Sample("hefei-bridge-strain-reading.json").Replace("+08:00", "\\u002B08:00", StringComparison.Ordinal).Replace("\"Good\"", "\"\\u0047ood\"", StringComparison.Ordinal);
        var observation = Assert.IsType<Observation>(Read(escaped).Value);
        Assert.Equal((TimeSpan.FromHours(8), ObservationQuality.Good), (observation.ObservedAt.Offset, observation.Quality));

        var alert = Encoding.UTF8.GetString(CityRisk.Json.CityRiskJson.Write(CityRisk.Tests.Alerts.AlertBuilder.Valid()));
        Assert.False(CityRisk.Json.CityRiskJson.ReadAlert(Encoding.UTF8.GetBytes(alert.Replace("+08:00", "\\u002B08:00", StringComparison.Ordinal))).HasErrors);
    }

    [Fact]
    public void The_samples_read_as_what_they_say_and_write_back_the_same()
    {
        var hazard = Assert.IsType<Hazard>(Read(Sample("hefei-bridge.json")).Value);
        Assert.Equal(HazardBuilder.Valid(), hazard);
        var observation = Assert.IsType<Observation>(Read(Sample("hefei-bridge-strain-reading.json")).Value);
        Assert.Equal(1010, observation.Value);
        Assert.Equal(TimeSpan.FromHours(8), observation.ObservedAt.Offset);

        var codec = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson);
        var written = codec.Write(hazard).Value!;
        Assert.Equal(hazard, codec.Read(written).Value);
        var text = Encoding.UTF8.GetString(written);
        Assert.StartsWith("{\"kind\":\"hazard\",\"v\":1,", text, StringComparison.Ordinal);
        Assert.Contains("\"minimumDuration\":\"PT10M\"", text, StringComparison.Ordinal);
        Assert.Contains("\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[117.29,31.86],[117.3,31.865]]}", text, StringComparison.Ordinal);
        Assert.Contains("南淝河大桥", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_geometry_type_round_trips()
    {
        var codec = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson);
        GeoGeometry[] geometries =
        [
            new PointGeometry(new GeoPoint(113.12, 23.02)),
            new PolygonGeometry(GeoPolygon.FromRing(new(113.1, 23.0), new(113.2, 23.0), new(113.2, 23.1), new(113.1, 23.0))),
        ];
        foreach (var geometry in geometries)
        {
            var hazard = HazardBuilder.Valid() with { Geometry = geometry };
            Assert.Equal(hazard, codec.Read(codec.Write(hazard).Value!).Value);
        }
    }

    [Theory]
    [InlineData("\"direction\": \"Above\"", "\"direction\": \"above\"", "JSON-INVALID", "$.indicators[0].direction", "one of \"Above\", \"Below\"")]
    [InlineData("\"riskGrade\": \"Significant\"", "\"riskGrade\": 3", "JSON-INVALID", "$.riskGrade", "one of \"Low\", \"General\", \"Significant\", \"Major\"")]
    [InlineData("\"type\": \"bridge\"", "\"type\": \"bridge\", \"type\": \"slope\"", "JSON-MEMBER-REPEATED", "$.type", "appears twice")]
    [InlineData("\"type\": \"bridge\"", "\"type\": \"bridge\", \"colour\": \"red\"", "JSON-INVALID", "$.colour", "\"colour\" is not a member here")]
    [InlineData("\"jurisdiction\": \"340102\",", "", "JSON-INVALID", "$", "Required member(s) missing: \"jurisdiction\"")]
    [InlineData("\"revision\": 1", "\"revision\": \"1\"", "JSON-INVALID", "$.revision", "not an integer")]
    [InlineData("\"minimumDuration\": \"PT10M\"", "\"minimumDuration\": 600", "JSON-INVALID", "$.indicators[0].minimumDuration", "ISO 8601 duration")]
    [InlineData("\"type\": \"LineString\"", "\"type\": \"MultiLineString\"", "JSON-INVALID", "$.geometry", "Point, LineString or Polygon")]
    [InlineData("[117.3, 31.865]]", "[117.3, 31.865, 20]]", "JSON-INVALID", "$.geometry", "no altitude")]
    [InlineData("\"owner\": \"hefei-lifeline\"", "\"owner\": null", "JSON-INVALID", "$.owner", "")]
    public void What_partners_get_wrong_is_named_by_path_and_expectation_without_dotnet_names(string from, string to, string code, string path, string expected)
    {
        var json = Sample("hefei-bridge.json").Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Sample("hefei-bridge.json"), json);

        var result = Read(json);

        Assert.Null(result.Value);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((code, path), (problem.Code, problem.Path));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CityRisk.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_shape_with_broken_rules_gets_the_validators_problems()
    {
        var json = Sample("hefei-bridge.json").Replace("\"yellow\": 800, \"orange\": 1000, \"red\": 1200", "\"yellow\": 800, \"orange\": 1000, \"red\": 900", StringComparison.Ordinal)
            .Replace("\"type\": \"bridge\"", "\"type\": \"tunnel\"", StringComparison.Ordinal);

        var result = Read(json);

        Assert.Equal(["HAZARD-TYPE-UNKNOWN $.type", "HAZARD-INDICATOR-RULE-INVALID $.indicators[0]"], result.Problems.Select(p => $"{p.Code} {p.Path}"));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Malformed_json_and_the_wrong_kind_are_refused_before_the_contract()
    {
        Assert.Equal("JSON-MALFORMED", Assert.Single(Read("{\"kind\":\"hazard\",\"v\":1,\"id\":").Problems).Code);
        var asAlert = DocumentCodecs.Default.Read<CityRisk.Alerts.Alert>(Encoding.UTF8.GetBytes(Sample("hefei-bridge.json")));
        Assert.Equal("JSON-KIND-UNSUPPORTED", Assert.Single(asAlert.Problems).Code);
        Assert.Equal("JSON-VERSION-UNSUPPORTED", Assert.Single(Read(Sample("hefei-bridge.json").Replace("\"v\": 1", "\"v\": 2", StringComparison.Ordinal)).Problems).Code);
    }
}
