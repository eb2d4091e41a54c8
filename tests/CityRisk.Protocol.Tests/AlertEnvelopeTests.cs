using CityRisk.Alerts;
using CityRisk.Protocol.V1;
using WireLevel = CityRisk.Protocol.V1.WarningLevel;

namespace CityRisk.Protocol.Tests;

public class AlertEnvelopeTests
{
    private static readonly string Root = CityRisk.Testing.Shared.RepositoryRoot.Path;

    private static Alert Sample(string file)
    {
        var result = CapAlertReader.Read(File.ReadAllBytes(Path.Combine(Root, file)));
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Value!;
    }

    private static Alert Typhoon => Sample("samples/alerts/foshan-typhoon.xml");

    private static Envelope Create(Alert alert, params string[] roles) =>
        AlertEnvelope.Create(alert, "foshan-em", "{}"u8.ToArray(), CityRisk.Json.CityRiskJson.ContentType("alert"), roles);

    [Fact]
    public void Routing_fields_come_from_the_alert()
    {
        var envelope = Create(Typhoon);
        Assert.Equal(("FS-EM-2026-TY-0917-01", "alert", "foshan-em"), (envelope.Id, envelope.Kind, envelope.Sender));
        Assert.Equal("2026-09-17T08:30:00+08:00", envelope.Sent);
        Assert.Equal(Scope.Public, envelope.Scope);
        Assert.Equal(["440600"], envelope.Jurisdictions);
        Assert.Equal(Severity.Severe, envelope.Severity);
        Assert.Equal(WireLevel.Orange, envelope.Level);
        Assert.Equal((112.7, 22.6, 113.3, 23.6), (envelope.BoundingBox.West, envelope.BoundingBox.South, envelope.BoundingBox.East, envelope.BoundingBox.North));
        Assert.Empty(envelope.Recipients);
        Assert.Empty(envelope.References);
        Assert.Empty(AlertEnvelope.Mismatches(envelope, Typhoon));
    }

    [Fact]
    public void Circle_bounding_box_covers_the_radius()
    {
        var gas = Sample("samples/alerts/shenzhen-gas-pipeline.xml");
        var box = Create(gas, "lifeline-operator").BoundingBox;
        Assert.Equal(22.5431 - (0.5 / 111.32), box.South, 9);
        Assert.Equal(22.5431 + (0.5 / 111.32), box.North, 9);
        Assert.True(box.West < 114.0579 - (0.5 / 111.32));
    }

    [Fact]
    public void Restricted_alert_needs_restriction_roles()
    {
        var gas = Sample("samples/alerts/shenzhen-gas-pipeline.xml");
        Assert.Equal(["restriction_roles"], AlertEnvelope.Mismatches(Create(gas), gas));
        var envelope = Create(gas, "lifeline-operator", "partner:shenzhen-gas");
        Assert.Equal(["lifeline-operator", "partner:shenzhen-gas"], envelope.RestrictionRoles);
        Assert.Empty(AlertEnvelope.Mismatches(envelope, gas));
    }

    [Fact]
    public void Private_recipients_and_references_come_from_addresses_and_references()
    {
        var update = Sample("samples/alerts/macau-storm-surge.xml");
        var reference = Assert.Single(Create(update).References);
        Assert.Equal(("alerts@smg.example.mo", "SMG-SS-2026-0917-02"), (reference.Sender, reference.Id));

        var privateAlert = Typhoon with { Scope = AlertScope.Private, Addresses = ["macau-smg", "shenzhen-em", "macau-smg"] };
        Assert.Equal(["macau-smg", "shenzhen-em"], Create(privateAlert).Recipients);
    }

    [Fact]
    public void Highest_severity_and_level_across_info_blocks()
    {
        var alert = Typhoon with { Info = [Typhoon.Info[0] with { Level = WarningLevel.Red, Severity = AlertSeverity.Extreme }, Typhoon.Info[1]] };
        var envelope = Create(alert);
        Assert.Equal((Severity.Extreme, WireLevel.Red), (envelope.Severity, envelope.Level));
        Assert.Equal(WireLevel.Unspecified, Create(Typhoon with { Info = [Typhoon.Info[0] with { Level = null }] }).Level);
    }

    public static TheoryData<string> TamperedFields { get; } = ["id", "kind", "sent", "scope", "recipients", "references", "jurisdictions", "bounding_box", "severity", "level", "entity"];

    [Theory]
    [MemberData(nameof(TamperedFields))]
    public void An_envelope_that_disagrees_with_its_payload_names_the_field(string field)
    {
        var envelope = Create(Typhoon);
        switch (field)
        {
            case "id": envelope.Id = "other"; break;
            case "kind": envelope.Kind = "incident"; break;
            case "sent": envelope.Sent = "2026-09-17T00:30:00+00:00"; break; // the same instant, another offset
            case "scope": envelope.Scope = Scope.Restricted; break;
            case "recipients": envelope.Recipients.Add("macau-smg"); break;
            case "references": envelope.References.Add(new MessageRef { Sender = "x", Id = "y" }); break;
            case "jurisdictions": envelope.Jurisdictions.Add("820000"); break;
            case "bounding_box": envelope.BoundingBox.East = 114; break;
            case "severity": envelope.Severity = Severity.Minor; break;
            case "level": envelope.Level = WireLevel.Blue; break;
            case "entity": envelope.Revision = 3; break;
        }

        Assert.Contains(field, AlertEnvelope.Mismatches(envelope, Typhoon));
        var described = AlertEnvelope.DescribeMismatch(envelope, Typhoon, field);
        Assert.StartsWith($"The envelope's {field} is ", described, StringComparison.Ordinal);
        Assert.Contains("; the payload implies ", described, StringComparison.Ordinal);
    }

    [Fact]
    public void A_box_computed_in_float32_is_accepted_and_one_a_little_further_off_is_refused_naming_both_boxes()
    {
        var gas = Sample("samples/alerts/shenzhen-gas-pipeline.xml");
        var envelope = Create(gas, "lifeline-operator");
        var exact = envelope.BoundingBox.Clone();

        // What a client that computes in single precision sends.
        envelope.BoundingBox = new BoundingBox { West = (float)exact.West, South = (float)exact.South, East = (float)exact.East, North = (float)exact.North };
        Assert.Empty(AlertEnvelope.Mismatches(envelope, gas));

        envelope.BoundingBox.East = exact.East + (3 * AlertEnvelope.BoundingBoxTolerance);
        Assert.Equal(["bounding_box"], AlertEnvelope.Mismatches(envelope, gas));
        var described = AlertEnvelope.DescribeMismatch(envelope, gas, "bounding_box");
        Assert.Contains(FormattableString.Invariant($"east {envelope.BoundingBox.East:R}"), described, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"east {exact.East:R}"), described, StringComparison.Ordinal);
        Assert.Contains("within 1E-05 degrees", described, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worked_example_of_the_specification_holds()
    {
        var circle = new CityRisk.Geo.Area { Description = "x", Circles = [new CityRisk.Geo.GeoCircle(new CityRisk.Geo.GeoPoint(113.15, 23.03), 0.8)] };
        var box = AlertEnvelope.BoundingBoxOf([circle])!;
        Assert.Equal((113.1421911, 23.0228135, 113.1578089, 23.0371865), (Math.Round(box.West, 7), Math.Round(box.South, 7), Math.Round(box.East, 7), Math.Round(box.North, 7)));
    }
}
