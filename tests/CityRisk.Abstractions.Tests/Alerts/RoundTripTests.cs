using System.Text;
using CityRisk.Alerts;
using CityRisk.Json;

namespace CityRisk.Tests.Alerts;

/// <summary>
/// docs/protocol.md §9.4, round trips: CAP -> JSON -> CAP keeps every value of every valid document, JSON -> object -> JSON
/// is stable, and everything written validates against the OASIS CAP 1.2 schema.
/// </summary>
public class RoundTripTests
{
    public static TheoryData<string> ValidDocuments { get; } = FindValidDocuments();

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Cap_to_json_to_cap_keeps_every_value(string path)
    {
        var original = Read(path);
        var json = CityRiskJson.Write(original);

        var fromJson = CityRiskJson.ReadAlert(json);
        Assert.False(fromJson.HasErrors, string.Join("; ", fromJson.Problems));
        var cap = CapAlertWriter.Write(fromJson.Value!);
        Assert.True(cap.Succeeded, string.Join("; ", cap.Problems));
        var reread = CapAlertReader.Read(cap.Value!);
        Assert.False(reread.HasErrors, string.Join("; ", reread.Problems));

        // JSON is the canonical form of the values: equal JSON means every value survived.
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(CityRiskJson.Write(reread.Value!)));
    }

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Written_cap_validates_against_the_oasis_cap_1_2_schema(string path)
    {
        var written = CapAlertWriter.Write(Read(path) with { Signature = null });
        Assert.True(written.Succeeded, string.Join("; ", written.Problems));
        Assert.Empty(TestFiles.Cap12SchemaErrors(written.Value!));
    }

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Json_to_object_to_json_is_stable(string path)
    {
        var json = CityRiskJson.Write(Read(path), indented: true);
        var again = CityRiskJson.ReadAlert(json);
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(CityRiskJson.Write(again.Value!, indented: true)));
    }

    [Fact]
    public void Cap_1_1_resource_without_mime_type_cannot_be_written_as_cap_1_2()
    {
        var alert = Read(Path.Combine(TestFiles.CapVectors, "valid-cap11-resource-without-mimetype.xml"));
        var written = CapAlertWriter.Write(alert);
        Assert.Null(written.Value);
        Assert.Contains(written.Problems, p => p.Code == "CAP-REQUIRED-MISSING" && p.Path == "info[0].resource[0].mimeType");
    }

    [Fact]
    public void Cap_1_0_is_written_as_cap_1_2_with_mapped_values()
    {
        var alert = Read(Path.Combine(TestFiles.CapVectors, "valid-cap10.xml"));
        Assert.Equal(AlertCertainty.Likely, alert.Info[0].Certainty);
        Assert.Equal(WarningLevel.Blue, alert.Info[0].Level);
        Assert.Equal(new NamedValue("SAME", "FLW"), alert.Info[0].EventCodes[0]);
        Assert.Equal(TimeSpan.Zero, alert.Sent.Offset);

        var xml = Encoding.UTF8.GetString(CapAlertWriter.Write(alert).Value!);
        Assert.Contains("urn:oasis:names:tc:emergency:cap:1.2", xml, StringComparison.Ordinal);
        Assert.Contains("<sent>2006-05-01T10:00:00-00:00</sent>", xml, StringComparison.Ordinal);
        Assert.Contains("<valueName>GB/T 2260</valueName>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("password", xml, StringComparison.Ordinal);
    }

    internal static Alert Read(string path)
    {
        var result = CapAlertReader.Read(File.ReadAllBytes(path));
        Assert.False(result.HasErrors, $"{path}: {string.Join("; ", result.Problems)}");
        return result.Value!;
    }

    private static TheoryData<string> FindValidDocuments()
    {
        var files = new List<string>();
        files.AddRange(Directory.GetFiles(TestFiles.CapVectors, "valid-*.xml").Where(f => !f.Contains("without-mimetype", StringComparison.Ordinal)));
        files.AddRange(Directory.GetFiles(TestFiles.CapVectors, "warn-*.xml"));
        files.AddRange(Directory.GetFiles(TestFiles.Samples, "*.xml"));
        if (SharedVectors.CapFolder is not null)
        {
            files.AddRange(new[]
            {
                "Oasis_AmberAlert.xml", "Oasis_EarthquakeReport.xml", "Oasis_HomelandAlert.xml", "Oasis_ThunderstormWarning.xml",
                "PelmorexNAADS_WindWarning.xml", "google_australia.cap", "google_canada.cap", "google_canada_signed.cap",
                "google_earthquake-iso8859-1.cap", "google_wcatwc-warning.cap", "google_earthquake.cap", "google_earthquake_signed.cap",
                "google_no_optional_fields.cap", "google_weather.cap",
            }.Select(SharedVectors.Cap));
        }

        return [.. files.Order()];
    }
}
