namespace CityRisk;

/// <summary>Tells CAP XML from CityRisk JSON by content, for tools and endpoints that accept either.</summary>
public static class DocumentFormats
{
    /// <summary>The media type of CAP XML documents.</summary>
    public const string CapXmlContentType = "application/cap+xml";

    /// <summary>The media type of CityRisk JSON documents, without the <c>kind</c> and <c>v</c> parameters every envelope adds.</summary>
    public const string CityRiskJsonContentType = "application/vnd.cityrisk+json";

    /// <summary>Detects the format from the first significant character: <c>&lt;</c> for XML, <c>{</c> for JSON.</summary>
    /// <param name="document">The document's first bytes (or all of it).</param>
    /// <returns>The format, or <see cref="DocumentFormat.Unknown"/>.</returns>
    public static DocumentFormat Detect(ReadOnlySpan<byte> document)
    {
        if (document.StartsWith(ByteOrderMark.Utf8))
        {
            document = document[3..];
        }
        else if (document.Length >= 4 && (document.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || document.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])))
        {
            // A UTF-16 byte order mark. XML may be UTF-16; JSON may not (RFC 8259), but a '{' after the mark is still
            // JSON, so the JSON reader reports the encoding instead of an XML reader reporting malformed XML.
            var first = document[0] == 0xFF ? document[2] | (document[3] << 8) : (document[2] << 8) | document[3];
            return first == '{' ? DocumentFormat.CityRiskJson : DocumentFormat.CapXml;
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
