using CityRisk.Problems;

namespace CityRisk;

/// <summary>
/// One document format of one kind: CAP XML alerts, CityRisk JSON alerts, and later each new kind's JSON. It reads
/// (with validation), writes, and names the media type an envelope carries. Every reader and writer in the CLI, the
/// SDK and the hub goes through a codec found in <see cref="DocumentCodecs"/>, so a format is known in one place.
/// </summary>
/// <remarks>Implementations are stateless and thread-safe. Derive from <see cref="DocumentCodec{T}"/>.</remarks>
public abstract class DocumentCodec
{
    private protected DocumentCodec(string kind, DocumentFormat format, string mediaType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        if (format == DocumentFormat.Unknown)
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "A codec has a known format.");
        }

        Kind = kind;
        Format = format;
        MediaType = mediaType;
    }

    /// <summary>The document kind, one of <see cref="DocumentKinds"/> (<c>alert</c>).</summary>
    public string Kind { get; }

    /// <summary>The format the codec reads and writes.</summary>
    public DocumentFormat Format { get; }

    /// <summary>The media type an envelope carrying this kind in this format has, with its parameters.</summary>
    public string MediaType { get; }

    /// <summary>The .NET type of the documents (<c>Alert</c>).</summary>
    public abstract Type DocumentType { get; }

    /// <summary>Reads a document whose type the caller does not know ahead, as tools that take any kind do.</summary>
    /// <param name="document">The document's bytes.</param>
    /// <param name="validate">Whether to validate it against the kind's rules too; structure is always checked.</param>
    /// <returns>The document and every problem; no document when it cannot be read.</returns>
    public abstract FormatResult<object> ReadObject(ReadOnlyMemory<byte> document, bool validate = true);

    /// <summary>Writes a document of <see cref="DocumentType"/>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="validate">Whether to validate it first and refuse it with its errors.</param>
    /// <returns>The bytes and any warnings; no bytes and every problem when it cannot be written.</returns>
    /// <exception cref="ArgumentException">The document is not a <see cref="DocumentType"/>.</exception>
    public abstract FormatResult<byte[]> WriteObject(object document, bool validate = true);

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} as {MediaType}";
}
