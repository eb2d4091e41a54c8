using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using Google.Protobuf;
using Grpc.Core;

namespace CityRisk.Server.Enterprises;

/// <summary>
/// An <c>EnterpriseQueryResponse</c> serialized once, with each profile's stored envelope bytes written into its entry
/// as they are: a page of 500 carries about 700 KB of envelopes, which parsing into messages and serializing again
/// would copy twice more. The wire is the same: a client of the generated stub reads <c>EnterpriseQueryResponse</c>.
/// </summary>
internal sealed class EncodedEnterprisePage
{
    private const int ItemsField = 1; // EnterpriseQueryResponse.items
    private const int EnvelopeField = 1; // EnterpriseEntry.envelope

    /// <summary>Writes the bytes as the message; reads a message into bytes (for in-memory callers).</summary>
    public static Marshaller<EncodedEnterprisePage> Marshaller { get; } = Marshallers.Create<EncodedEnterprisePage>(
        static (page, context) => context.Complete(page.Bytes),
        static context => new EncodedEnterprisePage(context.PayloadAsNewBuffer()));

    private EncodedEnterprisePage(byte[] bytes) => Bytes = bytes;

    /// <summary>The serialized EnterpriseQueryResponse.</summary>
    public byte[] Bytes { get; }

    /// <summary>
    /// Encodes a page: each entry is its envelope field followed by the rest of the entry (cursor, score, grant)
    /// serialized by protobuf, and the page ends with its token and total, so the fields stay in field-number order.
    /// </summary>
    /// <param name="entries">Each profile's stored envelope and the entry's other fields (its envelope unset).</param>
    /// <param name="tail">The response's fields other than the items.</param>
    public static EncodedEnterprisePage Encode(IReadOnlyList<(byte[] Envelope, EnterpriseEntry Fields)> entries, EnterpriseQueryResponse tail)
    {
        var rests = new byte[entries.Count][];
        var entrySizes = new int[entries.Count];
        var length = tail.CalculateSize();
        for (var i = 0; i < entries.Count; i++)
        {
            rests[i] = entries[i].Fields.ToByteArray();
            entrySizes[i] = ProtobufFields.SizeOfBytes(EnvelopeField, entries[i].Envelope.Length) + rests[i].Length;
            length += ProtobufFields.SizeOfBytes(ItemsField, entrySizes[i]);
        }

        var bytes = new byte[length];
        var position = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            position = ProtobufFields.WriteHeader(bytes, position, ItemsField, entrySizes[i]);
            position = ProtobufFields.WriteBytes(bytes, position, EnvelopeField, entries[i].Envelope);
            rests[i].CopyTo(bytes, position);
            position += rests[i].Length;
        }

        tail.WriteTo(bytes.AsSpan(position));
        return new EncodedEnterprisePage(bytes);
    }

    /// <summary>The page as the generated message (for callers in the process, such as the fake exchange).</summary>
    public EnterpriseQueryResponse Parse() => EnterpriseQueryResponse.Parser.ParseFrom(Bytes);
}
