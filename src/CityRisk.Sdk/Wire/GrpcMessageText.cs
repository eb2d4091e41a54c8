using System.Text;

namespace CityRisk.Wire;

/// <summary>
/// grpc-message percent-encoding: UTF-8 bytes outside 0x20-0x7E, and '%' itself, are written %XX
/// (not URI escaping: spaces and the rest of printable ASCII stay as they are).
/// </summary>
internal static class GrpcMessageText
{
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var needsEncoding = false;
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                needsEncoding = true;
                break;
            }
        }

        if (!needsEncoding)
        {
            return text;
        }

        var builder = new StringBuilder(bytes.Length + 16);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX sequences; a malformed sequence is kept as it is, as the spec asks of receivers.</summary>
    public static string Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else
            {
                // Header values are ASCII; anything else is kept as its UTF-8 bytes.
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private const string HexUpper = "0123456789ABCDEF";

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
