using CityRisk.Protocol.V1;
using CityRisk.Server.Enterprises;
using Google.Protobuf;
using Xunit;

namespace CityRisk.Server.Tests.Enterprises;

/// <summary>
/// A page written from stored envelope bytes must be the very message protobuf would serialize: the same bytes, so any
/// client of the generated stubs (grpc-js included) reads the same response.
/// </summary>
public sealed class EncodedEnterprisePageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(500)]
    public void A_page_is_the_bytes_protobuf_serializes(int seed)
    {
        var random = new Random(seed);
        // Envelope sizes either side of the one-, two- and three-byte length prefixes.
        int[] sizes = [0, 1, 127, 128, 1_400, 16_383, 16_384, 70_000];
        var entries = Enumerable.Range(0, seed == 0 ? 0 : random.Next(1, 40)).Select(i =>
        {
            var envelope = new Envelope
            {
                Sender = "sz-yjj",
                Id = $"91440300MA5{i:D7}",
                Kind = "enterprise-profile",
                Payload = ByteString.CopyFrom(RandomBytes(random, sizes[random.Next(sizes.Length)])),
            };
            var fields = new EnterpriseEntry { Cursor = (ulong)random.NextInt64(0, long.MaxValue >> random.Next(0, 63)) };
            if (random.Next(2) == 0)
            {
                fields.RiskScore = random.Next(3) == 0 ? 0 : random.NextDouble() * 100;
            }

            if (random.Next(2) == 0)
            {
                fields.Grant = new EntityKey { Kind = "enterprise-grant", Owner = "sz-yjj", Id = $"grant-{i}" };
            }

            return (envelope, fields);
        }).ToList();
        var tail = new EnterpriseQueryResponse { NextPageToken = random.Next(2) == 0 ? string.Empty : $"s:{random.Next()}" };
        if (random.Next(3) > 0)
        {
            // Total is optional: zero is present, and must be written.
            tail.Total = random.Next(2) == 0 ? 0 : (ulong)random.Next();
        }

        var expected = tail.Clone();
        expected.Items.AddRange(entries.Select(e =>
        {
            var entry = e.fields.Clone();
            entry.Envelope = e.envelope;
            return entry;
        }));

        var page = EncodedEnterprisePage.Encode([.. entries.Select(e => (e.envelope.ToByteArray(), e.fields))], tail);

        Assert.Equal(expected.ToByteArray(), page.Bytes);
        Assert.Equal(expected, page.Parse());
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
