using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>Alerts as CAP XML (<c>application/cap+xml</c>): reads CAP 1.0, 1.1 and 1.2, writes CAP 1.2.</summary>
public sealed class CapAlertCodec : DocumentCodec<Alert>
{
    private readonly CapReaderOptions _reader;
    private readonly CapReaderOptions _readerWithoutValidation;
    private readonly CapWriterOptions _writer;
    private readonly CapWriterOptions _writerWithoutValidation;

    /// <summary>Creates the codec.</summary>
    /// <param name="reader">Reader limits; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    /// <param name="writer">Writer choices; the defaults when null. Its <c>Validate</c> is replaced by each call's choice.</param>
    public CapAlertCodec(CapReaderOptions? reader = null, CapWriterOptions? writer = null)
        : base(DocumentKinds.Alert, DocumentFormat.CapXml, DocumentFormats.CapXmlContentType)
    {
        reader ??= CapReaderOptions.Default;
        writer ??= CapWriterOptions.Default;
        _reader = new CapReaderOptions { MaxDocumentBytes = reader.MaxDocumentBytes, MaxDepth = reader.MaxDepth };
        _reader.ThrowIfInvalid();
        _readerWithoutValidation = new CapReaderOptions { MaxDocumentBytes = _reader.MaxDocumentBytes, MaxDepth = _reader.MaxDepth, Validate = false };
        _writer = new CapWriterOptions { Indent = writer.Indent };
        _writerWithoutValidation = new CapWriterOptions { Indent = _writer.Indent, Validate = false };
    }

    /// <inheritdoc/>
    public override FormatResult<Alert> Read(ReadOnlyMemory<byte> document, bool validate = true) =>
        CapAlertReader.Read(document, validate ? _reader : _readerWithoutValidation);

    /// <inheritdoc/>
    public override FormatResult<byte[]> Write(Alert document, bool validate = true) =>
        CapAlertWriter.Write(document, validate ? _writer : _writerWithoutValidation);
}
