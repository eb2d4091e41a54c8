using CityRisk.Problems;

namespace CityRisk;

/// <summary>A <see cref="DocumentCodec"/> for documents of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The document's contract type (<c>Alert</c>).</typeparam>
public abstract class DocumentCodec<T> : DocumentCodec
    where T : class
{
    /// <summary>Creates a codec.</summary>
    /// <param name="kind">The document kind, one of <see cref="DocumentKinds"/>.</param>
    /// <param name="format">The format.</param>
    /// <param name="mediaType">The media type with its parameters.</param>
    protected DocumentCodec(string kind, DocumentFormat format, string mediaType)
        : base(kind, format, mediaType)
    {
    }

    /// <inheritdoc/>
    public sealed override Type DocumentType => typeof(T);

    /// <summary>Reads a document.</summary>
    /// <param name="document">The document's bytes.</param>
    /// <param name="validate">Whether to validate it against the kind's rules too; structure is always checked.</param>
    /// <returns>The document and every problem found, never only the first; no document when it cannot be read.</returns>
    public abstract FormatResult<T> Read(ReadOnlyMemory<byte> document, bool validate = true);

    /// <summary>Writes a document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="validate">Whether to validate it first and refuse it with its errors.</param>
    /// <returns>The bytes and any warnings; no bytes and every problem when it cannot be written.</returns>
    public abstract FormatResult<byte[]> Write(T document, bool validate = true);

    /// <inheritdoc/>
    public sealed override FormatResult<object> ReadObject(ReadOnlyMemory<byte> document, bool validate = true)
    {
        var read = Read(document, validate);
        return new FormatResult<object>(read.Value, read.Problems);
    }

    /// <inheritdoc/>
    public sealed override FormatResult<byte[]> WriteObject(object document, bool validate = true) =>
        document is T typed ? Write(typed, validate) : throw new ArgumentException($"A {Kind} codec writes {typeof(T).Name} documents, not {document?.GetType().Name ?? "null"}.", nameof(document));
}
