using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CityRisk.Benchmarks;

/// <summary>
/// The load generator's view of a Delivery: its cursor and its envelope's id, nothing else. Reading only these keeps
/// the generator's own work per delivery small, so a fan-out run measures the hub rather than the client parsing
/// 1,440 copies of every 5 KB payload on the same two cores. Both hubs are read through it alike.
/// </summary>
internal sealed class DeliveryHead : IMessage<DeliveryHead>
{
    public static MessageParser<DeliveryHead> Parser { get; } = new(() => new DeliveryHead());

    public ulong Cursor { get; private set; }

    public string Id { get; private set; } = string.Empty;

    public MessageDescriptor Descriptor => throw new NotSupportedException("DeliveryHead is read-only and has no descriptor.");

    public void MergeFrom(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case 8:
                    Cursor = input.ReadUInt64();
                    break;
                case 18:
                    Id = EnvelopeId(input.ReadBytes());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private static string EnvelopeId(ByteString envelope)
    {
        var input = envelope.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == 10)
            {
                return input.ReadString();
            }

            input.SkipLastField();
        }

        return string.Empty;
    }

    public void MergeFrom(DeliveryHead message) => (Cursor, Id) = (message.Cursor, message.Id);

    public void WriteTo(CodedOutputStream output) => throw new NotSupportedException("DeliveryHead is read-only.");

    public int CalculateSize() => throw new NotSupportedException("DeliveryHead is read-only.");

    public DeliveryHead Clone() => new() { Cursor = Cursor, Id = Id };

    public bool Equals(DeliveryHead? other) => other is not null && other.Cursor == Cursor && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as DeliveryHead);

    public override int GetHashCode() => HashCode.Combine(Cursor, Id);
}
