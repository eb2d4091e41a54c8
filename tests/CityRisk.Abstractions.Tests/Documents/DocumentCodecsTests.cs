using System.Text;
using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Json;
using CityRisk.Problems;
using CityRisk.Tests.Alerts;

namespace CityRisk.Tests.Documents;

public class DocumentCodecsTests
{
    private static readonly DocumentCodecs Codecs = DocumentCodecs.Default;

    [Theory]
    [InlineData("application/cap+xml", DocumentFormat.CapXml)]
    [InlineData("Application/CAP+XML; charset=utf-8", DocumentFormat.CapXml)]
    [InlineData("application/vnd.cityrisk+json; kind=alert; v=1", DocumentFormat.CityRiskJson)]
    [InlineData("application/vnd.cityrisk+json;V=1;KIND=\"alert\"", DocumentFormat.CityRiskJson)]
    public void A_media_type_finds_its_codec(string mediaType, DocumentFormat format)
    {
        var codec = Codecs.FindByMediaType(mediaType);
        Assert.NotNull(codec);
        Assert.Equal(format, codec.Format);
        Assert.Equal(DocumentKinds.Alert, codec.Kind);
        Assert.Equal(typeof(Alert), codec.DocumentType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.cityrisk+json; kind=alert")]
    [InlineData("application/vnd.cityrisk+json; kind=alert; v=2")]
    [InlineData("application/vnd.cityrisk+json; kind=hazard; v=2")]
    [InlineData("application/vnd.cityrisk+json; kind=incident; v=2")]
    [InlineData("application/vnd.cityrisk+json; kind=resource; v=2")]
    [InlineData("application/vnd.cityrisk+json; kind=enterprise-profile; v=2")]
    [InlineData("")]
    [InlineData(";;;")]
    public void A_media_type_no_codec_reads_finds_none(string mediaType) => Assert.Null(Codecs.FindByMediaType(mediaType));

    [Fact]
    public void The_media_type_a_codec_writes_is_the_one_that_finds_it()
    {
        foreach (var codec in Codecs.All)
        {
            Assert.Same(codec, Codecs.FindByMediaType(codec.MediaType));
        }
    }

    [Theory]
    [InlineData(DocumentFormat.CapXml)]
    [InlineData(DocumentFormat.CityRiskJson)]
    public void A_written_alert_reads_back_through_detection(DocumentFormat format)
    {
        var written = Codecs.Get<Alert>(format).Write(AlertBuilder.Valid());
        Assert.True(written.Value is not null, string.Join("; ", written.Problems));

        var read = Codecs.Read<Alert>(written.Value);
        Assert.True(read.Succeeded, string.Join("; ", read.Problems));
        Assert.Equal(format, read.Codec!.Format);
        Assert.True(read.Validated);
        Assert.Equal("FS-GAS-2026-0001", read.Value!.Identifier);
        Assert.True(read.Bytes.Span.SequenceEqual(written.Value));
    }

    [Theory]
    [InlineData(DocumentFormat.CapXml)]
    [InlineData(DocumentFormat.CityRiskJson)]
    public void A_utf8_byte_order_mark_is_allowed_before_either_format(DocumentFormat format)
    {
        var written = Codecs.Get<Alert>(format).Write(AlertBuilder.Valid()).Value!;
        byte[] withMark = [0xEF, 0xBB, 0xBF, .. written];
        Assert.Equal(format, DocumentFormats.Detect(withMark));
        Assert.True(CityRiskJson.TryReadHeader(CityRiskJson.Write(AlertBuilder.Valid()).Prepend((byte)0xBF).Prepend((byte)0xBB).Prepend((byte)0xEF).ToArray(), out var kind, out _));
        Assert.Equal(DocumentKinds.Alert, kind);
        var read = Codecs.Read(withMark);
        Assert.True(read.Succeeded, string.Join("; ", read.Problems));
    }

    [Fact]
    public void Reading_any_kind_gives_the_codecs_type()
    {
        var read = Codecs.Read(CityRiskJson.Write(AlertBuilder.Valid()));
        Assert.IsType<Alert>(read.Value);
        Assert.Same(Codecs.Find(DocumentKinds.Alert, DocumentFormat.CityRiskJson), read.Codec);
    }

    [Theory]
    [InlineData("", ProblemCodes.DocumentEmpty)]
    [InlineData(" \r\n\t ", ProblemCodes.DocumentEmpty)]
    [InlineData("\uFEFF", ProblemCodes.DocumentEmpty)]
    [InlineData("\0\0\0\0", ProblemCodes.DocumentFormatUnknown)]
    [InlineData("identifier: x", ProblemCodes.DocumentFormatUnknown)]
    [InlineData("[1, 2]", ProblemCodes.DocumentFormatUnknown)]
    [InlineData("{\"kind\":\"hazard\",\"v\":1}", ProblemCodes.JsonKindUnsupported)]
    [InlineData("{\"kind\":\"weather\",\"v\":1}", ProblemCodes.JsonKindUnsupported)]
    [InlineData("{\"kind\":\"alert\",\"v\":2}", ProblemCodes.JsonVersionUnsupported)]
    [InlineData("{\"kind\":\"alert\",", ProblemCodes.JsonMalformed)]
    [InlineData("<alert", ProblemCodes.XmlMalformed)]
    public void What_cannot_be_read_is_named_by_a_stable_code(string document, string code)
    {
        var read = Codecs.Read<Alert>(Encoding.UTF8.GetBytes(document));
        Assert.Null(read.Value);
        Assert.Contains(read.Problems, p => p.Code == code);
    }

    [Fact]
    public void A_standard_kind_without_a_codec_lists_what_is_read()
    {
        // Every kind of the standard has a codec in the default registry; a registry of alerts only lacks the rest.
        Assert.All(DocumentKinds.All, kind => Assert.Contains(Codecs.All, c => c.Kind == kind));
        var read = new DocumentCodecs([new JsonAlertCodec()]).Read(Encoding.UTF8.GetBytes("{\"kind\":\"enterprise-profile\",\"v\":1}"));
        var problem = Assert.Single(read.Problems);
        Assert.Equal("kind", problem.Path);
        Assert.Contains("part of the standard", problem.Message, StringComparison.Ordinal);
        Assert.Contains("alert", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_with_a_utf16_byte_order_mark_is_reported_as_json_not_xml()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"kind\":\"alert\",\"v\":1}")).ToArray();
        Assert.Equal(DocumentFormat.CityRiskJson, DocumentFormats.Detect(utf16));
        var read = Codecs.Read<Alert>(utf16);
        Assert.Contains(read.Problems, p => p.Code.StartsWith("JSON-", StringComparison.Ordinal));
    }

    [Fact]
    public void Xml_in_utf16_is_still_xml()
    {
        var utf16 = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("<alert/>")).ToArray();
        Assert.Equal(DocumentFormat.CapXml, DocumentFormats.Detect(utf16));
    }

    [Fact]
    public void Reading_without_validation_checks_structure_only()
    {
        var invalid = AlertBuilder.WithInfo(i => i with { Event = "" });
        var json = CityRiskJson.Write(invalid);
        Assert.True(Codecs.Read<Alert>(json).HasErrors);

        var unvalidated = Codecs.Read<Alert>(json, validate: false);
        Assert.False(unvalidated.HasErrors);
        Assert.False(unvalidated.Validated);
    }

    [Fact]
    public void A_cap_write_without_validation_still_refuses_what_cap_cannot_carry()
    {
        var cap = Codecs.Get<Alert>(DocumentFormat.CapXml);
        var emptyEvent = AlertBuilder.WithInfo(i => i with { Event = "" });
        Assert.Null(cap.Write(emptyEvent).Value);
        Assert.NotNull(cap.Write(emptyEvent, validate: false).Value);

        var withHole = AlertBuilder.WithArea(a => a with
        {
            Polygons = [new GeoPolygon(
            [
                [new GeoPoint(113.0, 23.0), new GeoPoint(113.2, 23.0), new GeoPoint(113.2, 23.2), new GeoPoint(113.0, 23.0)],
                [new GeoPoint(113.05, 23.05), new GeoPoint(113.1, 23.05), new GeoPoint(113.1, 23.1), new GeoPoint(113.05, 23.05)],
            ])],
        });
        var refused = cap.Write(withHole, validate: false);
        Assert.Null(refused.Value);
        Assert.Contains(refused.Problems, p => p.Code == ProblemCodes.CapPolygonHoles);
    }

    [Fact]
    public void A_registry_with_a_codec_replaces_the_one_for_the_same_kind_and_format()
    {
        var strict = new JsonAlertCodec(new CityRiskJsonReaderOptions { MaxDocumentBytes = 64 });
        var registry = Codecs.With(strict);
        Assert.Same(strict, registry.Find(DocumentKinds.Alert, DocumentFormat.CityRiskJson));
        Assert.Equal(Codecs.All.Count, registry.All.Count);
        Assert.NotSame(strict, Codecs.Find(DocumentKinds.Alert, DocumentFormat.CityRiskJson));

        var read = registry.Read<Alert>(CityRiskJson.Write(AlertBuilder.Valid()));
        Assert.Contains(read.Problems, p => p.Code == ProblemCodes.DocumentTooLarge);
    }

    [Fact]
    public void Asking_for_a_type_no_codec_writes_says_what_is_registered()
    {
        var error = Assert.Throws<ArgumentException>(() => Codecs.Get<Area>(DocumentFormat.CityRiskJson));
        Assert.Contains("alert as application/cap+xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_an_object_of_another_type_is_refused_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => Codecs.Find(DocumentKinds.Alert, DocumentFormat.CityRiskJson)!.WriteObject("not an alert"));
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }
}
