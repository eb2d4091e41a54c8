using System.Buffers.Binary;
using CityRisk.Wire;
using Google.Protobuf;

namespace CityRisk.Server.Exchange;

/// <summary>
/// A <c>Delivery { cursor = 1; envelope = 2; }</c> encoded straight from the stored envelope bytes into one gRPC
/// frame. A delivery is the same for every subscriber, so it is encoded once per message rather than once per
/// subscriber, and the stored bytes are not parsed and re-serialized on the way out.
/// </summary>
internal static class DeliveryFrame
{
    private const byte CursorTag = (1 << 3) | 0; // field 1, varint
    private const byte EnvelopeTag = (2 << 3) | 2; // field 2, length-delimited

    public static byte[] Encode(long cursor, ReadOnlySpan<byte> envelope)
    {
        var messageLength = 1 + CodedOutputStream.ComputeUInt64Size((ulong)cursor)
            + 1 + CodedOutputStream.ComputeLengthSize(envelope.Length) + envelope.Length;
        var frame = new byte[GrpcProtocol.FrameHeaderLength + messageLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)messageLength);
        var position = GrpcProtocol.FrameHeaderLength;
        frame[position++] = CursorTag;
        position = WriteVarint(frame, position, (ulong)cursor);
        frame[position++] = EnvelopeTag;
        position = WriteVarint(frame, position, (ulong)envelope.Length);
        envelope.CopyTo(frame.AsSpan(position));
        return frame;
    }

    private static int WriteVarint(byte[] buffer, int position, ulong value)
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
