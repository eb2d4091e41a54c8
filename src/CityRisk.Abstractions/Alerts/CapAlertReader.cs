using CityRisk.Problems;

namespace CityRisk.Alerts;

/// <summary>
/// Reads CAP XML documents: CAP 1.2, and CAP 1.1 and 1.0 judged by their own rules. Reports every problem found,
/// never stopping at the first.
/// </summary>
/// <remarks>
/// Any namespace prefix, a UTF-8 BOM and declared encodings such as ISO-8859-1 are accepted. DTDs, entities and
/// XInclude are refused without resolving anything; size and depth are bounded by <see cref="CapReaderOptions"/>.
/// </remarks>
public static class CapAlertReader
{
    /// <summary>Reads a CAP document from its bytes.</summary>
    /// <param name="document">The document's bytes, in any encoding XML allows.</param>
    /// <param name="options">Limits and choices; <see cref="CapReaderOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The alert (partial when there are errors) and every problem.</returns>
    public static FormatResult<Alert> Read(ReadOnlyMemory<byte> document, CapReaderOptions? options = null)
    {
        options ??= CapReaderOptions.Default;
        options.ThrowIfInvalid();
        return new CapAlertParser(document, options).Parse();
    }

    /// <summary>Reads a CAP document from a stream, reading no more than <see cref="CapReaderOptions.MaxDocumentBytes"/> plus one byte.</summary>
    /// <param name="stream">The stream to read to its end.</param>
    /// <param name="options">Limits and choices; <see cref="CapReaderOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The alert (partial when there are errors) and every problem.</returns>
    public static async Task<FormatResult<Alert>> ReadAsync(Stream stream, CapReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CapReaderOptions.Default;
        options.ThrowIfInvalid();
        var bytes = await BoundedStream.ReadAsync(stream, options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        return Read(bytes, options);
    }
}
