using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;
using CityRisk.Tests.Alerts;

namespace CityRisk.Tests.Problems;

/// <summary>Every problem code is produced by at least one input: a vector that states it, or a case here.</summary>
public partial class ProblemCodeCoverageTests
{
    private const string Cap12 = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>Cases for the codes no vector file states; each yields the problems its input produces.</summary>
    private static readonly Dictionary<string, Func<IReadOnlyList<Problem>>> Cases = new()
    {
        ["CAP-VALUE-PAIR-SYNTAX"] = () => Cap(Minimal10("<parameter>no equals sign</parameter>")),
        ["CAP-REFERENCES-REQUIRED"] = () => AlertValidator.Validate(AlertBuilder.Valid() with { MessageType = AlertMessageType.Ack }),
        ["CAP-INFO-MISSING"] = () => AlertValidator.Validate(AlertBuilder.Valid() with { Info = [] }),
        ["CAP-EXPIRES-BEFORE-EFFECTIVE"] = () => AlertValidator.Validate(AlertBuilder.WithInfo(i => i with { Onset = i.Expires ?? DateTimeOffset.Parse("2026-11-23T15:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), Expires = DateTimeOffset.Parse("2026-11-23T14:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture) })),
        ["CAP-SIGNATURE-DROPPED"] = () =>
        {
            var signed = Encoding.UTF8.GetBytes($"<alert xmlns=\"{Cap12}\"><identifier>a</identifier><sender>b</sender><sent>2026-11-23T14:00:00+08:00</sent><status>Test</status><msgType>Alert</msgType><scope>Public</scope><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/></alert>");
            var alert = CapAlertReader.Read(signed).Value!;
            return CapAlertWriter.Write(alert with { Note = "changed" }).Problems;
        },
        ["XML-CHARACTER-INVALID"] = () => CapAlertWriter.Write(AlertBuilder.Valid() with { Note = "bell \u0007" }).Problems,
        ["DOC-EMPTY"] = () => Cap(string.Empty),
        ["DOC-TOO-LARGE"] = () => CapAlertReader.Read(new byte[2048], new CapReaderOptions { MaxDocumentBytes = 1024 }).Problems,
        ["DOC-FORMAT-UNKNOWN"] = () => DocumentFormats.Detect("hello"u8) == DocumentFormat.Unknown
            ? [Problem.Error(ProblemCodes.DocumentFormatUnknown, string.Empty, "detected by DocumentFormats, reported by the CLI (see ValidateCommandTests)")]
            : [],
        ["XML-TOO-DEEP"] = () => CapAlertReader.Read(Encoding.UTF8.GetBytes($"<alert xmlns=\"{Cap12}\"><note>{string.Concat(Enumerable.Repeat("<a>", 10))}</note></alert>"), new CapReaderOptions { MaxDepth = 5 }).Problems,
        ["CAP-ELEMENT-UNKNOWN"] = () => Cap($"<alert xmlns=\"{Cap12}\">stray text<identifier>a</identifier></alert>"),
        ["CAP-POLYGON-HOLES"] = () => AlertValidator.Validate(AlertBuilder.WithArea(a => a with
        {
            Polygons = [new Geo.GeoPolygon([a.Polygons[0].OuterRing, [new(113.145, 23.035), new(113.15, 23.035), new(113.15, 23.03), new(113.145, 23.035)]])],
        })),
        ["CAP-DATETIME-INVALID"] = () => AlertValidator.Validate(AlertBuilder.Valid() with { Sent = DateTimeOffset.Parse("2026-11-23T14:00:00.25+08:00", System.Globalization.CultureInfo.InvariantCulture) }),
        ["CITYRISK-DOMAIN-UNKNOWN"] = () => AlertValidator.Validate(AlertBuilder.WithInfo(i => i with { Domain = null, Parameters = [new("CityRisk:domain", "Weather")] })),
        ["JSON-MALFORMED"] = () => CityRiskJson.ReadAlert("{\"kind\":\"alert\",\"v\":1,"u8.ToArray()).Problems,
        ["JSON-INVALID"] = () => CityRiskJson.ReadAlert("{\"kind\":\"alert\",\"v\":1,\"status\":3}"u8.ToArray()).Problems,
        ["JSON-MEMBER-REPEATED"] = () => CityRiskJson.ReadAlert("{\"kind\":\"alert\",\"v\":1,\"scope\":\"Public\",\"scope\":\"Private\"}"u8.ToArray()).Problems,
        ["JSON-KIND-UNSUPPORTED"] = () => CityRiskJson.ReadAlert("{\"kind\":\"incident\",\"v\":1}"u8.ToArray()).Problems,
        ["HAZARD-KEY-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Id = "a b" }),
        ["HAZARD-REVISION-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Revision = 0 }),
        ["HAZARD-NAME-MISSING"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Name = LocalizedText.Of("en", "") }),
        ["HAZARD-TYPE-UNKNOWN"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Type = "tunnel" }),
        ["HAZARD-GEOMETRY-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Geometry = new Geo.PointGeometry(new(200, 31)) }),
        ["HAZARD-JURISDICTION-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Jurisdiction = "34" }),
        ["HAZARD-AUDIENCE-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Audience = [] }),
        ["HAZARD-INDICATOR-ID-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Indicators = [Tests.Hazards.HazardBuilder.Strain, Tests.Hazards.HazardBuilder.Strain] }),
        ["HAZARD-INDICATOR-UNIT-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Indicators = [Tests.Hazards.HazardBuilder.Strain with { Unit = "" }] }),
        ["HAZARD-INDICATOR-RULE-INVALID"] = () => CityRisk.Hazards.HazardValidator.Validate(Tests.Hazards.HazardBuilder.Valid() with { Indicators = [Tests.Hazards.HazardBuilder.Strain with { Hysteresis = -1 }] }),
        ["OBSERVATION-KEY-INVALID"] = () => CityRisk.Hazards.ObservationValidator.Validate(Observation() with { HazardId = "" }),
        ["OBSERVATION-VALUE-INVALID"] = () => CityRisk.Hazards.ObservationValidator.Validate(Observation() with { Value = double.PositiveInfinity }),
        ["OBSERVATION-INDICATOR-UNKNOWN"] = () => CityRisk.Hazards.ObservationValidator.Validate(Observation() with { IndicatorId = "tilt" }, Tests.Hazards.HazardBuilder.Valid()),
        ["OBSERVATION-UNIT-MISMATCH"] = () => CityRisk.Hazards.ObservationValidator.Validate(Observation() with { Unit = "mm" }, Tests.Hazards.HazardBuilder.Valid()),
        ["OBSERVATION-IN-FUTURE"] = () => CityRisk.Hazards.ObservationValidator.Validate(Observation(), now: DateTimeOffset.UnixEpoch),
        ["JSON-VERSION-UNSUPPORTED"] = () => CityRiskJson.ReadAlert("{\"kind\":\"alert\",\"v\":7}"u8.ToArray()).Problems,
        ["RESOURCE-STEP-INVALID"] = () =>
        {
            var resource = DocumentCodecs.Default.Get<CityRisk.Resources.Resource>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "samples", "resources", "foshan-rescue-boats.json"))).Value!;
            return CityRisk.Resources.ResourceValidator.StepProblems(resource, resource with { Revision = 2, Type = CityRisk.Resources.ResourceTypes.DrainagePump });
        },
        ["ENTERPRISE-GRANT-STEP-INVALID"] = () =>
        {
            var grant = DocumentCodecs.Default.Get<CityRisk.Enterprises.EnterpriseGrant>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "samples", "enterprises", "nanhai-agreement.json"))).Value!;
            return CityRisk.Enterprises.EnterpriseGrantValidator.StepProblems(grant, grant with { Revision = 2, Insurer = "cpic-insurance" });
        },
        ["INCIDENT-STEP-INVALID"] = () =>
        {
            var report = CityRisk.Tests.Incidents.IncidentBuilder.Report();
            return CityRisk.Incidents.IncidentValidator.StepProblems(report, CityRisk.Incidents.IncidentLifecycle.Step(report, CityRisk.Incidents.IncidentState.Verified, "kaifeng-gulou", report.UpdatedAt.AddMinutes(-1)));
        },
    };

    private static CityRisk.Hazards.Observation Observation() => new() { HazardOwner = "hefei-lifeline", HazardId = "hf-bridge-0042", IndicatorId = "strain-s3", ObservedAt = DateTimeOffset.UtcNow, Value = 900 };

    /// <summary>
    /// Codes only the wire produces: CityRisk.Server.Tests (Exchange, Hazards/HazardMonitorTests) and CityRisk.Protocol.Tests
    /// (ObservationMessagesTests) produce and check them.
    /// </summary>
    private static readonly string[] HubCodes =
    [
        ProblemCodes.EnvelopeMismatch, ProblemCodes.EnvelopeInvalid, ProblemCodes.EnvelopeAudienceUnknown,
        ProblemCodes.ObservationTimeInvalid, ProblemCodes.ObservationQualityUnknown,
    ];

    public static TheoryData<string> CaseCodes { get; } = [.. Cases.Keys.Order()];

    [Fact]
    public void Every_code_is_produced_by_a_vector_or_a_case()
    {
        var fromVectors = Directory.GetFiles(TestFiles.CapVectors)
            .SelectMany(f => ExpectComment().Matches(File.ReadAllText(f, Encoding.Latin1)).Select(m => m.Groups[1].Value));
        var fromEntityVectors = new[] { "hazards", "incidents", "resources", "enterprises", "enterprise-grants" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "conformance", folder), "*.json"))
            .SelectMany(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(f))!["expectedProblems"]!.AsArray().Select(c => (string)c!));
        var covered = fromVectors.Concat(fromEntityVectors).Concat(Cases.Keys).Concat(HubCodes).ToHashSet();
        var codes = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        var missing = codes.Where(c => !covered.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"No vector or case produces: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(CaseCodes))]
    public void Case_produces_its_code(string code) => Assert.Contains(Cases[code](), p => p.Code == code);

    private static IReadOnlyList<Problem> Cap(string xml) => CapAlertReader.Read(Encoding.UTF8.GetBytes(xml)).Problems;

    private static string Minimal10(string infoExtra) =>
        $"<alert xmlns=\"http://www.incident.com/cap/1.0\"><identifier>a</identifier><sender>b</sender><sent>2006-05-01T10:00:00Z</sent><status>Test</status><msgType>Alert</msgType><scope>Public</scope><info><event>e</event><urgency>Past</urgency><severity>Minor</severity><certainty>Likely</certainty>{infoExtra}</info></alert>";

    [GeneratedRegex(@"<!-- expect: (?:error|warning) ([A-Z0-9-]+)")]
    private static partial Regex ExpectComment();
}
