using CityRisk.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// A <c>cityrisk.v1.Delivery { cursor = 1; envelope = 2; }</c> serialized once, straight from the stored envelope
/// bytes: a delivery is the same for every subscriber, so it is encoded once per message rather than once per
/// subscriber, and its marshaller hands the bytes to gRPC as they are.
/// </summary>
internal sealed class EncodedDelivery
{
    private const byte CursorTag = (1 << 3) | 0; // field 1, varint
    private const int EnvelopeField = 2;

    /// <summary>Writes the cached bytes as the message; reads a message into bytes (for in-memory callers).</summary>
    public static Marshaller<EncodedDelivery> Marshaller { get; } = Marshallers.Create<EncodedDelivery>(
        static (delivery, context) => context.Complete(delivery.Bytes),
        static context => new EncodedDelivery(context.PayloadAsNewBuffer()));

    public EncodedDelivery(byte[] bytes) => Bytes = bytes;

    /// <summary>The serialized Delivery message.</summary>
    public byte[] Bytes { get; }

    public static EncodedDelivery Encode(long cursor, ReadOnlySpan<byte> envelope)
    {
        var bytes = new byte[1 + CodedOutputStream.ComputeUInt64Size((ulong)cursor) + ProtobufFields.SizeOfBytes(EnvelopeField, envelope.Length)];
        bytes[0] = CursorTag;
        var position = ProtobufFields.WriteVarint(bytes, 1, (ulong)cursor);
        ProtobufFields.WriteBytes(bytes, position, EnvelopeField, envelope);
        return new EncodedDelivery(bytes);
    }

    /// <summary>The delivery as the generated message (for callers in the process, such as the fake exchange).</summary>
    public Delivery Parse() => Delivery.Parser.ParseFrom(Bytes);
}
