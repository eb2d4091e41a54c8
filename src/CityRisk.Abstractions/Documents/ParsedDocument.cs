using CityRisk.Problems;

namespace CityRisk;

/// <summary>
/// A document's bytes together with what reading them gave, so a document read once (by the CLI, say) is sent as
/// it is without being parsed and validated again.
/// </summary>
/// <typeparam name="T">The document's contract type.</typeparam>
public sealed class ParsedDocument<T>
    where T : class
{
    internal ParsedDocument(ReadOnlyMemory<byte> bytes, DocumentCodec? codec, FormatResult<T> result, bool validated)
    {
        Bytes = bytes;
        Codec = codec;
        Value = result.Value;
        Problems = result.Problems;
        HasErrors = result.HasErrors;
        Validated = validated;
    }

    /// <summary>The bytes as read, byte for byte (a signed CAP document keeps its signature).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The codec that read it; null when no codec knows the document's format and kind.</summary>
    public DocumentCodec? Codec { get; }

    /// <summary>The document; null when it could not be read.</summary>
    public T? Value { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether any problem is an error.</summary>
    public bool HasErrors { get; }

    /// <summary>Whether the document was validated against its kind's rules, not only read.</summary>
    public bool Validated { get; }

    /// <summary>Whether the document was read and has no errors.</summary>
    public bool Succeeded => Value is not null && !HasErrors;
}
