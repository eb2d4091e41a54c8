using System.Text;
using System.Text.Json;
using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Json;
using CityRisk.Tests.Alerts;

namespace CityRisk.Tests.Json;

public class CityRiskJsonTests
{
    private static string Json(Alert alert) => Encoding.UTF8.GetString(CityRiskJson.Write(alert));

    private static CityRisk.Problems.FormatResult<Alert> Read(string json) => CityRiskJson.ReadAlert(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Kind_and_v_come_first_then_camel_case_members()
    {
        var json = Json(AlertBuilder.Valid());
        Assert.StartsWith("{\"kind\":\"alert\",\"v\":1,\"identifier\":\"FS-GAS-2026-0001\"", json, StringComparison.Ordinal);
        Assert.Contains("\"msgType\":\"Alert\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_are_strings_and_date_times_keep_their_offset()
    {
        var json = Json(AlertBuilder.Valid());
        Assert.Contains("\"sent\":\"2026-11-23T14:00:00+08:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"Orange\"", json, StringComparison.Ordinal);
        Assert.Contains("\"domain\":\"Lifeline\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinates_are_longitude_first_in_json_and_latitude_first_in_cap()
    {
        var alert = AlertBuilder.Valid();
        Assert.Contains("\"polygons\":[[[[113.14,23.04],", Json(alert), StringComparison.Ordinal);
        Assert.Contains("\"circles\":[{\"center\":[113.15,23.03],\"radiusKm\":0.8}]", Json(alert), StringComparison.Ordinal);
        var xml = Encoding.UTF8.GetString(CapAlertWriter.Write(alert).Value!);
        Assert.Contains("<polygon>23.04,113.14 23.04,113.16", xml, StringComparison.Ordinal);
        Assert.Contains("<circle>23.03,113.15 0.8</circle>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_text_is_written_readable_not_escaped()
    {
        Assert.Contains("燃气管道泄漏", Json(AlertBuilder.Valid()), StringComparison.Ordinal);
    }

    [Fact]
    public void Cityrisk_extensions_travel_in_cap_as_parameters()
    {
        var xml = Encoding.UTF8.GetString(CapAlertWriter.Write(AlertBuilder.Valid()).Value!);
        Assert.Contains("<valueName>CityRisk:level</valueName>\n      <value>Orange</value>", xml, StringComparison.Ordinal);
        Assert.Contains("<valueName>CityRisk:hazard</valueName>\n      <value>fs-gas-nh-0031</value>", xml, StringComparison.Ordinal);
        var reread = CapAlertReader.Read(Encoding.UTF8.GetBytes(xml)).Value!;
        Assert.Equal(WarningLevel.Orange, reread.Info[0].Level);
        Assert.Empty(reread.Info[0].Parameters);
    }

    [Fact]
    public void Utc_is_written_minus_zero_in_cap_and_plus_zero_in_json()
    {
        var alert = AlertBuilder.Valid() with { Sent = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero) };
        Assert.Contains("<sent>2026-11-23T06:00:00-00:00</sent>", Encoding.UTF8.GetString(CapAlertWriter.Write(alert).Value!), StringComparison.Ordinal);
        Assert.Contains("\"sent\":\"2026-11-23T06:00:00+00:00\"", Json(alert), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_repeated_members_are_left_out_but_present_empty_references_are_kept()
    {
        var json = Json(AlertBuilder.Valid() with { MessageType = AlertMessageType.Update, References = [] });
        Assert.DoesNotContain("\"codes\"", json, StringComparison.Ordinal);
        Assert.Contains("\"references\":[]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Polygon_with_holes_is_a_clear_conversion_error_to_cap()
    {
        var json = Json(AlertBuilder.Valid()).Replace(
            "\"polygons\":[[[[113.14,23.04],[113.16,23.04],[113.16,23.02],[113.14,23.02],[113.14,23.04]]]]",
            "\"polygons\":[[[[113.14,23.04],[113.16,23.04],[113.16,23.02],[113.14,23.02],[113.14,23.04]],[[113.145,23.035],[113.15,23.035],[113.15,23.03],[113.145,23.035]]]]",
            StringComparison.Ordinal);
        var read = Read(json);
        Assert.Contains(read.Problems, p => p.Code == "CAP-POLYGON-HOLES" && p.Path == "info[0].area[0].polygon[0]");

        var written = CapAlertWriter.Write(read.Value!);
        Assert.Null(written.Value);
        Assert.Contains(written.Problems, p => p.Code == "CAP-POLYGON-HOLES");
    }

    [Theory]
    [InlineData("{\"kind\":\"hazard\",\"v\":1}", "JSON-KIND-UNSUPPORTED", "kind")]
    [InlineData("{\"kind\":\"weather\",\"v\":1}", "JSON-KIND-UNSUPPORTED", "kind")]
    [InlineData("{\"v\":1,\"identifier\":\"x\"}", "JSON-KIND-UNSUPPORTED", "kind")]
    [InlineData("{\"kind\":\"alert\",\"v\":2}", "JSON-VERSION-UNSUPPORTED", "v")]
    [InlineData("{\"kind\":\"alert\"}", "JSON-VERSION-UNSUPPORTED", "v")]
    [InlineData("{\"kind\":\"alert\",\"v\":1,\"identifier\":", "JSON-MALFORMED", "$.identifier")]
    [InlineData("{\"kind\":\"alert\",\"v\":1,\"identifier\":\"x\"}", "JSON-INVALID", "$")]
    [InlineData("", "DOC-EMPTY", "")]
    public void Documents_that_do_not_fit_name_what_and_where(string json, string code, string path)
    {
        var result = Read(json);
        Assert.Null(result.Value);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(path, problem.Path);
    }

    [Theory]
    [InlineData("\"status\":\"Actual\"", "\"status\":0", "$.status")]
    [InlineData("\"sent\":\"2026-11-23T14:00:00+08:00\"", "\"sent\":\"2026-11-23T14:00:00\"", "$.sent")]
    [InlineData("\"identifier\":\"FS-GAS-2026-0001\"", "\"identifer\":\"FS-GAS-2026-0001\",\"identifier\":\"x\"", "$.identifer")]
    [InlineData("\"sender\":\"monitor@foshan-gas.example.cn\"", "\"sender\":null", "$.sender")]
    [InlineData("\"center\":[113.15,23.03]", "\"center\":[23.03]", "$.info[0].areas[0].circles[0].center")]
    [InlineData("\"center\":[113.15,23.03]", "\"center\":[113.15e999,23.03]", "$.info[0].areas[0].circles[0].center")]
    public void Contract_violations_are_json_invalid_with_the_json_path(string from, string to, string path)
    {
        var json = Json(AlertBuilder.Valid()).Replace(from, to, StringComparison.Ordinal);
        var problem = Assert.Single(Read(json).Problems);
        Assert.Equal("JSON-INVALID", problem.Code);
        Assert.Equal(path, problem.Path);
    }

    [Theory]
    [InlineData("\"scope\":\"Public\"", "\"scope\":\"Public\",\"scope\":\"Private\"", "$.scope")]
    [InlineData("\"event\":", "\"event\":\"x\",\"event\":", "$.info[0].event")]
    [InlineData("\"valueName\":", "\"valueName\":\"a\",\"valueName\":", "$.info[0].areas[0].geocodes[0].valueName")]
    public void A_repeated_member_is_refused_wherever_it_is(string from, string to, string path)
    {
        var json = Json(AlertBuilder.Valid());
        Assert.Contains(from, json, StringComparison.Ordinal);
        var problem = Assert.Single(Read(ReplaceFirst(json, from, to)).Problems);
        Assert.Equal("JSON-MEMBER-REPEATED", problem.Code);
        Assert.Equal(path, problem.Path);
    }

    [Theory]
    [InlineData("\"status\":\"Actual\"", "\"status\":\"actual\"", "$.status")]
    [InlineData("\"scope\":\"Public\"", "\"Scope\":\"Public\"", "$.Scope")]
    [InlineData("\"scope\":\"Public\"", "\"\\u0073cope\":\"Public\"", "$")]
    [InlineData("\"scope\":\"Public\"", "\"scope\":\"Public\",\"extra\":{\"a\":[1,2]}", "$.extra")]
    [InlineData("\"radiusKm\":0.8", "\"radiusKm\":1e999", "$.info[0].areas[0].circles[0].radiusKm")]
    public void Names_and_values_are_exact(string from, string to, string path)
    {
        var problem = Assert.Single(Read(ReplaceFirst(Json(AlertBuilder.Valid()), from, to)).Problems);
        Assert.Equal("JSON-INVALID", problem.Code);
        Assert.StartsWith(path, problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_that_is_not_utf8_is_malformed_json_not_a_crash()
    {
        var json = CityRiskJson.Write(AlertBuilder.Valid());
        var at = Encoding.UTF8.GetString(json).IndexOf("FS-GAS-2026-0001", StringComparison.Ordinal);
        json[at] = 0xC3; // a lead byte followed by 'S': not UTF-8
        var problem = Assert.Single(CityRiskJson.ReadAlert(json).Problems);
        Assert.Equal(("JSON-MALFORMED", "$.identifier"), (problem.Code, problem.Path));

        byte[] badKind = [.. "{\"kind\":\"al"u8, 0xFF, .. "ert\",\"v\":1}"u8];
        Assert.False(CityRiskJson.TryReadHeader(badKind, out _, out _));
        Assert.NotEmpty(DocumentCodecs.Default.Read(badKind).Problems);
    }

    [Fact]
    public void Escaped_text_in_values_is_unescaped()
    {
        var json = ReplaceFirst(Json(AlertBuilder.Valid()), "\"status\":\"Actual\"", "\"status\":\"\\u0041ctual\"");
        var read = Read(ReplaceFirst(json, "\"sender\":\"", "\"sender\":\"\\u0020"));
        Assert.True(read.Value is not null, string.Join("; ", read.Problems));
        Assert.Equal(AlertStatus.Actual, read.Value.Status);
        Assert.StartsWith(" ", read.Value.Sender, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sample_reads_the_same_through_json_as_through_cap()
    {
        foreach (var path in Directory.GetFiles(TestFiles.Samples, "*.xml"))
        {
            var alert = CapAlertReader.Read(File.ReadAllBytes(path)).Value!;
            var again = CityRiskJson.ReadAlert(CityRiskJson.Write(alert));
            Assert.True(again.Succeeded, $"{path}: {string.Join("; ", again.Problems)}");
            Assert.Equal(Json(alert), Json(again.Value!));
        }
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in the document");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    [Fact]
    public void Json_alerts_are_validated_by_the_same_rules_as_cap()
    {
        var json = Json(AlertBuilder.Valid() with { Scope = AlertScope.Private });
        Assert.Contains(Read(json).Problems, p => p.Code == "CAP-ADDRESSES-REQUIRED");
    }

    [Fact]
    public void Header_is_read_without_reading_the_rest()
    {
        Assert.True(CityRiskJson.TryReadHeader("{\"kind\":\"incident\",\"v\":1,\"broken\":"u8, out var kind, out var version));
        Assert.Equal("incident", kind);
        Assert.Equal(1, version);
        Assert.False(CityRiskJson.TryReadHeader("[1,2]"u8, out _, out _));
    }

    [Fact]
    public void Content_type_names_kind_and_version()
    {
        Assert.Equal("application/vnd.cityrisk+json; kind=alert; v=1", CityRiskJson.ContentType(DocumentKinds.Alert));
    }

    [Fact]
    public void Writing_to_a_caller_writer_matches_the_byte_form()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            CityRiskJson.Write(writer, AlertBuilder.Valid());
        }

        Assert.Equal(CityRiskJson.Write(AlertBuilder.Valid()), buffer.ToArray());
    }

    [Fact]
    public void Null_collections_from_code_are_read_as_empty()
    {
        var info = AlertBuilder.Valid().Info[0] with { Areas = null!, Hazards = null! };
        Assert.Empty(info.Areas);
        Assert.Empty(info.Hazards);
    }

    [Fact]
    public void Geo_types_round_trip()
    {
        var area = AlertBuilder.Valid().Info[0].Areas[0];
        Assert.Equal(new GeoPoint(113.14, 23.04), area.Polygons[0].OuterRing[0]);
        Assert.Equal(Jurisdiction.Parse("440605"), Assert.Single(area.Jurisdictions()));
    }
}
