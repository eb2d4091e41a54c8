using System.Text;
using CityRisk.Alerts;

namespace CityRisk.Tests.Alerts;

public class HostileInputTests
{
    private static byte[] Sample => File.ReadAllBytes(Path.Combine(TestFiles.Samples, "foshan-typhoon.xml"));

    [Fact]
    public void Empty_and_blank_documents_are_refused()
    {
        Assert.Equal("DOC-EMPTY", Assert.Single(CapAlertReader.Read(Array.Empty<byte>()).Problems).Code);
        Assert.Equal("DOC-EMPTY", Assert.Single(CapAlertReader.Read("  \n"u8.ToArray()).Problems).Code);
    }

    [Fact]
    public void Document_over_the_size_limit_is_refused_before_parsing()
    {
        var result = CapAlertReader.Read(Sample, new CapReaderOptions { MaxDocumentBytes = 1000 });
        Assert.Null(result.Value);
        Assert.Equal("DOC-TOO-LARGE", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public async Task Stream_reading_stops_at_the_size_limit()
    {
        using var endless = new RepeatingStream("<alert>"u8.ToArray());
        var result = await CapAlertReader.ReadAsync(endless, new CapReaderOptions { MaxDocumentBytes = 64 * 1024 }, TestContext.Current.CancellationToken);
        Assert.Equal("DOC-TOO-LARGE", Assert.Single(result.Problems).Code);
        Assert.True(endless.BytesRead <= (64 * 1024) + (16 * 1024));
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_depth_limit()
    {
        var deep = new StringBuilder("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier><note>");
        deep.Append(string.Concat(Enumerable.Repeat("<x:a xmlns:x=\"urn:x\">", 10_000)));
        deep.Append(string.Concat(Enumerable.Repeat("</x:a>", 10_000)));
        deep.Append("</note></alert>");

        var result = CapAlertReader.Read(Encoding.UTF8.GetBytes(deep.ToString()));

        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Code == "XML-TOO-DEEP");
    }

    [Fact]
    public void External_entity_without_a_dtd_is_malformed_and_nothing_is_resolved()
    {
        var xml = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&xxe;</identifier></alert>"u8.ToArray();
        var result = CapAlertReader.Read(xml);
        Assert.Equal("XML-MALFORMED", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Utf16_document_with_a_dtd_is_still_refused_as_a_dtd()
    {
        var xml = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE alert SYSTEM \"http://127.0.0.1:1/x.dtd\"><alert/>")).ToArray();
        Assert.Equal("XML-DTD-PROHIBITED", Assert.Single(CapAlertReader.Read(xml).Problems).Code);
    }

    [Fact]
    public void Garbage_is_malformed_with_its_position()
    {
        var result = CapAlertReader.Read("{\"kind\": \"alert\"}"u8.ToArray());
        var problem = Assert.Single(result.Problems);
        Assert.Equal("XML-MALFORMED", problem.Code);
        Assert.Contains("line 1", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Bytes that do not fit the declared encoding inside the XML declaration make System.Xml's reader throw an
    /// ArgumentOutOfRangeException while it switches encodings (found by fuzzing): still malformed, never a crash.
    /// </summary>
    [Theory]
    [InlineData(8, 15, "<!m) D -->")]
    [InlineData(8, 15, "<!-- x -->")]
    [InlineData(1, 1, "<!m) D -->")]
    [InlineData(20, 0, "")]
    public void Bytes_outside_the_declared_encoding_in_the_declaration_are_malformed(int before, int after, string next)
    {
        var xml = "<?xml version=\"1.0"u8.ToArray()
            .Concat(Enumerable.Repeat((byte)0xB7, before)).Append((byte)0xBD).Concat(Enumerable.Repeat((byte)0xB7, after))
            .Concat(Encoding.UTF8.GetBytes($"\" encoding=\"UTF-8\"?>\n{next}\n<alert><id")).ToArray();

        var result = CapAlertReader.Read(xml);

        Assert.Null(result.Value);
        Assert.Equal("XML-MALFORMED", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Invalid_options_are_argument_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CapAlertReader.Read(Sample, new CapReaderOptions { MaxDepth = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CapAlertReader.Read(Sample, new CapReaderOptions { MaxDocumentBytes = 0 }));
    }

    /// <summary>A stream that never ends.</summary>
    private sealed class RepeatingStream(byte[] pattern) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = pattern[(BytesRead + i) % pattern.Length];
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
