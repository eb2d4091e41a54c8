namespace CityRisk;

/// <summary>The UTF-8 byte order mark, which Windows tools and some CAP feeds put before a document.</summary>
internal static class ByteOrderMark
{
    // Not "\xEF\xBB\xBF"u8: in C# that is three characters (U+00EF ...), six bytes once UTF-8 encoded.
    public static ReadOnlySpan<byte> Utf8 => [0xEF, 0xBB, 0xBF];

    /// <summary>The bytes after a UTF-8 byte order mark, or all of them when there is none.</summary>
    public static ReadOnlySpan<byte> SkipUtf8(ReadOnlySpan<byte> document) => document.StartsWith(Utf8) ? document[3..] : document;
}
