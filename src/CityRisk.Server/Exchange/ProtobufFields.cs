using Google.Protobuf;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Writes protobuf fields around bytes that are already serialized (a stored envelope, a message serialized once), so
/// a response can carry them without parsing them into a message and serializing them again.
/// </summary>
internal static class ProtobufFields
{
    /// <summary>Wire type 2: a length-delimited field (bytes, string, message).</summary>
    private const int LengthDelimited = 2;

    /// <summary>The size of field <paramref name="field"/> holding <paramref name="length"/> bytes, tag and length included.</summary>
    public static int SizeOfBytes(int field, int length) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(length) + length;

    /// <summary>Writes field <paramref name="field"/> holding <paramref name="value"/> at <paramref name="position"/>; returns the position after it.</summary>
    public static int WriteBytes(Span<byte> buffer, int position, int field, ReadOnlySpan<byte> value)
    {
        position = WriteHeader(buffer, position, field, value.Length);
        value.CopyTo(buffer[position..]);
        return position + value.Length;
    }

    /// <summary>Writes the tag and length of field <paramref name="field"/> holding <paramref name="length"/> bytes, which the caller writes next; returns the position after them.</summary>
    public static int WriteHeader(Span<byte> buffer, int position, int field, int length)
    {
        position = WriteVarint(buffer, position, (uint)((field << 3) | LengthDelimited));
        return WriteVarint(buffer, position, (uint)length);
    }

    /// <summary>Writes a base-128 varint; returns the position after it.</summary>
    public static int WriteVarint(Span<byte> buffer, int position, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        return position;
    }
}
