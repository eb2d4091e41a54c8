using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Tests.Alerts;

/// <summary>Each rule on the model, as a JSON producer would break it: the valid base alert passes, one change breaks one rule.</summary>
public class AlertValidatorTests
{
    [Fact]
    public void Base_alert_is_valid_without_warnings() => Assert.Empty(AlertValidator.Validate(AlertBuilder.Valid()));

    public static TheoryData<string, string, string> BrokenRules { get; } = new()
    {
        { "empty identifier", "CAP-REQUIRED-MISSING", "identifier" },
        { "sender with a space", "CAP-IDENTIFIER-CHARS", "sender" },
        { "fraction of a second", "CAP-DATETIME-INVALID", "sent" },
        { "undefined status", "CAP-ENUM-INVALID", "status" },
        { "restricted without restriction", "CAP-RESTRICTION-REQUIRED", "restriction" },
        { "private with blank addresses", "CAP-ADDRESSES-REQUIRED", "addresses" },
        { "cancel without references", "CAP-REFERENCES-REQUIRED", "references" },
        { "empty references on an update", "CAP-REFERENCES-REQUIRED", "references" },
        { "reference to itself", "CAP-REFERENCE-SELF", "references[0]" },
        { "reference to a later message", "CAP-REFERENCE-LATER", "references[0]" },
        { "no category", "CAP-REQUIRED-MISSING", "info[0].category" },
        { "blank event", "CAP-REQUIRED-MISSING", "info[0].event" },
        { "bad language", "CAP-LANGUAGE-INVALID", "info[0].language" },
        { "undefined level", "CITYRISK-LEVEL-UNKNOWN", "info[0].level" },
        { "undefined domain", "CITYRISK-DOMAIN-UNKNOWN", "info[0].domain" },
        { "blank hazard", "CITYRISK-HAZARD-INVALID", "info[0].hazard[1]" },
        { "level twice", "CITYRISK-PARAMETER-DUPLICATE", "info[0].parameter[0]" },
        { "polygon with a hole", "CAP-POLYGON-HOLES", "info[0].area[0].polygon[0]" },
        { "open polygon", "CAP-POLYGON-NOT-CLOSED", "info[0].area[0].polygon[0]" },
        { "three points", "CAP-POLYGON-TOO-FEW-POINTS", "info[0].area[0].polygon[0]" },
        { "latitude 91", "CAP-COORDINATE-RANGE", "info[0].area[0].polygon[0]" },
        { "negative radius", "CAP-CIRCLE-RADIUS", "info[0].area[0].circle[0]" },
        { "ceiling alone", "CAP-CEILING-WITHOUT-ALTITUDE", "info[0].area[0].ceiling" },
        { "ceiling under altitude", "CAP-CEILING-BELOW-ALTITUDE", "info[0].area[0].ceiling" },
        { "bad GB/T 2260 code", "CITYRISK-GEOCODE-INVALID", "info[0].area[0].geocode[0]" },
        { "relative resource uri", "CAP-URI-INVALID", "info[0].resource[0].uri" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Each_rule_is_reported_with_its_code_and_path(string change, string code, string path)
    {
        var problems = AlertValidator.Validate(Break(change));
        Assert.Contains(problems, p => p.Severity == ProblemSeverity.Error && p.Code == code && p.Path == path);
    }

    [Fact]
    public void All_problems_are_reported_not_just_the_first()
    {
        var alert = AlertBuilder.Valid() with { Identifier = "", Scope = AlertScope.Restricted, MessageType = AlertMessageType.Update };
        var codes = AlertValidator.Validate(alert).Select(p => p.Code).ToList();
        Assert.Equal(["CAP-REQUIRED-MISSING", "CAP-RESTRICTION-REQUIRED", "CAP-REFERENCES-REQUIRED"], codes);
    }

    [Fact]
    public void Empty_references_are_read_as_none_with_a_warning_as_real_feeds_send_them()
    {
        var problems = AlertValidator.Validate(AlertBuilder.Valid() with { References = [] });
        var problem = Assert.Single(problems);
        Assert.Equal((ProblemSeverity.Warning, "CAP-REFERENCES-EMPTY", "references"), (problem.Severity, problem.Code, problem.Path));
    }

    [Fact]
    public void Recommendations_are_warnings_and_the_alert_stays_valid()
    {
        var alert = AlertBuilder.WithInfo(i => i with { Expires = i.Onset ?? new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.FromHours(8)), Effective = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(8)) });
        var problems = AlertValidator.Validate(alert);
        Assert.Equal("CAP-EXPIRES-BEFORE-EFFECTIVE", Assert.Single(problems).Code);
        Assert.False(problems.HasErrors());
    }

    private static Alert Break(string change) => change switch
    {
        "empty identifier" => AlertBuilder.Valid() with { Identifier = "" },
        "sender with a space" => AlertBuilder.Valid() with { Sender = "foshan gas" },
        "fraction of a second" => AlertBuilder.Valid() with { Sent = new DateTimeOffset(2026, 11, 23, 14, 0, 0, 500, TimeSpan.FromHours(8)) },
        "undefined status" => AlertBuilder.Valid() with { Status = (AlertStatus)42 },
        "restricted without restriction" => AlertBuilder.Valid() with { Scope = AlertScope.Restricted },
        "private with blank addresses" => AlertBuilder.Valid() with { Scope = AlertScope.Private, Addresses = [" "] },
        "cancel without references" => AlertBuilder.Valid() with { MessageType = AlertMessageType.Cancel },
        "empty references on an update" => AlertBuilder.Valid() with { MessageType = AlertMessageType.Update, References = [] },
        "reference to itself" => AlertBuilder.Valid() is var a ? a with { MessageType = AlertMessageType.Update, References = [new(a.Sender, a.Identifier, a.Sent)] } : null!,
        "reference to a later message" => AlertBuilder.Valid() is var b ? b with { MessageType = AlertMessageType.Update, References = [new(b.Sender, "later", b.Sent.AddMinutes(5))] } : null!,
        "no category" => AlertBuilder.WithInfo(i => i with { Categories = [] }),
        "blank event" => AlertBuilder.WithInfo(i => i with { Event = " " }),
        "bad language" => AlertBuilder.WithInfo(i => i with { Language = "zh_CN" }),
        "undefined level" => AlertBuilder.WithInfo(i => i with { Level = (WarningLevel)9 }),
        "undefined domain" => AlertBuilder.WithInfo(i => i with { Domain = (RiskDomain)9 }),
        "blank hazard" => AlertBuilder.WithInfo(i => i with { Hazards = ["ok", ""] }),
        "level twice" => AlertBuilder.WithInfo(i => i with { Parameters = [new("CityRisk:level", "Red")] }),
        "polygon with a hole" => AlertBuilder.WithArea(a => a with { Polygons = [new GeoPolygon([a.Polygons[0].OuterRing, [new(113.145, 23.035), new(113.15, 23.035), new(113.15, 23.03), new(113.145, 23.035)]])] }),
        "open polygon" => AlertBuilder.WithArea(a => a with { Polygons = [GeoPolygon.FromRing([.. a.Polygons[0].OuterRing.Take(4)])] }),
        "three points" => AlertBuilder.WithArea(a => a with { Polygons = [GeoPolygon.FromRing(new(113.14, 23.04), new(113.16, 23.04), new(113.14, 23.04))] }),
        "latitude 91" => AlertBuilder.WithArea(a => a with { Polygons = [GeoPolygon.FromRing(new(113.14, 91), new(113.16, 23.04), new(113.16, 23.02), new(113.14, 91))] }),
        "negative radius" => AlertBuilder.WithArea(a => a with { Circles = [new GeoCircle(new(113.15, 23.03), -1)] }),
        "ceiling alone" => AlertBuilder.WithArea(a => a with { Ceiling = 100 }),
        "ceiling under altitude" => AlertBuilder.WithArea(a => a with { Altitude = 100, Ceiling = 50 }),
        "bad GB/T 2260 code" => AlertBuilder.WithArea(a => a with { Geocodes = [new("GB/T 2260", "990600")] }),
        "relative resource uri" => AlertBuilder.WithInfo(i => i with { Resources = [new AlertResource { Description = "map", MimeType = "image/png", Uri = "maps/1.png" }] }),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };
}
