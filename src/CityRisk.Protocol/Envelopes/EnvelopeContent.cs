using System.Security.Cryptography;
using System.Text;
using CityRisk.Protocol.V1;

namespace CityRisk.Protocol;

/// <summary>
/// What makes two publishes of one (sender, id) "the same content" (docs/protocol.md §3.2): the same payload bytes,
/// the same content type, the same scope, and the same audience as sets (restriction roles and recipients in any
/// order, repeats ignored). The other envelope fields are derived from the payload, so they cannot differ on their
/// own; how a client wrote them (<c>Z</c> or <c>+00:00</c>, the order of a list) does not matter.
/// </summary>
public static class EnvelopeContent
{
    /// <summary>The SHA-256 hash of an envelope's content, equal for two envelopes exactly when their content is the same.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Hash(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Each part is length-prefixed, so no two different contents hash the same input.
        Append(hash, Encoding.UTF8.GetBytes(envelope.ContentType));
        Append(hash, envelope.Payload.Span);
        AppendInt(hash, (int)envelope.Scope);
        AppendSet(hash, envelope.RestrictionRoles);
        AppendSet(hash, envelope.Recipients);
        return hash.GetHashAndReset();
    }

    private static void AppendSet(IncrementalHash hash, IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        AppendInt(hash, distinct.Count);
        foreach (var value in distinct)
        {
            Append(hash, Encoding.UTF8.GetBytes(value));
        }
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        AppendInt(hash, part.Length);
        hash.AppendData(part);
    }

    private static void AppendInt(IncrementalHash hash, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }
}
