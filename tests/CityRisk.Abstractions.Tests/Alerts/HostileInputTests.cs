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
