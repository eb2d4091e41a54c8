namespace CityRisk;

/// <summary>Tells CAP XML from CityRisk JSON by content, for tools and endpoints that accept either.</summary>
public static class DocumentFormats
{
    /// <summary>The media type of CAP XML documents.</summary>
    public const string CapXmlContentType = "application/cap+xml";

    /// <summary>Detects the format from the first significant character: <c>&lt;</c> for XML, <c>{</c> for JSON.</summary>
    /// <param name="document">The document's first bytes (or all of it).</param>
    /// <returns>The format, or <see cref="DocumentFormat.Unknown"/>.</returns>
    public static DocumentFormat Detect(ReadOnlySpan<byte> document)
    {
        if (document.StartsWith("\xEF\xBB\xBF"u8))
        {
            document = document[3..];
        }
        else if (document.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || document.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // A UTF-16 byte order mark: JSON is UTF-8 only (RFC 8259), so this can only be XML.
            return DocumentFormat.CapXml;
        }

        foreach (var b in document)
        {
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'<':
                    return DocumentFormat.CapXml;
                case (byte)'{':
                    return DocumentFormat.CityRiskJson;
                default:
                    return DocumentFormat.Unknown;
            }
        }

        return DocumentFormat.Unknown;
    }
}
