namespace CityRisk;

/// <summary>The whitespace JSON and XML allow around a document (RFC 8259: space, tab, CR, LF).</summary>
internal static class JsonWhitespace
{
    /// <summary>Whether a document is nothing but whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> document)
    {
        foreach (var b in document)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
