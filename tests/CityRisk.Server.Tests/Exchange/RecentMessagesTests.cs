using CityRisk.Server.Exchange;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;
using Google.Protobuf;

namespace CityRisk.Server.Tests.Exchange;

public class RecentMessagesTests
{
    private static StoredMessage Stored(long cursor)
    {
        var envelope = new Envelope { Id = $"m{cursor}", Kind = "alert", Sender = "foshan-em", Payload = ByteString.CopyFromUtf8(new string('x', (int)cursor * 3)) };
        return new StoredMessage
        {
            Cursor = cursor,
            Sender = "foshan-em",
            Id = envelope.Id,
            Kind = "alert",
            Envelope = envelope.ToByteArray(),
            ContentHash = [],
            StoredAt = DateTimeOffset.UnixEpoch,
        };
    }

    private static void Add(RecentMessages recent, long cursor)
    {
        var stored = Stored(cursor);
        recent.Add(stored, Envelope.Parser.ParseFrom(stored.Envelope), null);
    }

    [Fact]
    public void The_window_wraps_around_and_still_finds_every_cursor_it_holds()
    {
        var recent = new RecentMessages(16);
        recent.StartAfter(0);
        for (var cursor = 1; cursor <= 40; cursor++)
        {
            Add(recent, cursor);
        }

        // Holds 25..40: after 24 reads all of it, after 30 the rest, after 10 must go to the store.
        Assert.Equal(Enumerable.Range(25, 16).Select(c => (long)c), recent.ReadAfter(24, 100, out var inWindow, out _).Select(m => m.Stored.Cursor));
        Assert.True(inWindow);
        Assert.Equal([31L, 32L, 33L], recent.ReadAfter(30, 3, out _, out _).Select(m => m.Stored.Cursor));
        Assert.Empty(recent.ReadAfter(40, 100, out inWindow, out _));
        Assert.True(inWindow);
        Assert.Empty(recent.ReadAfter(10, 100, out inWindow, out _));
        Assert.False(inWindow);
    }

    [Fact]
    public void Messages_that_arrive_out_of_order_are_held_back_until_the_gap_closes()
    {
        var recent = new RecentMessages(16);
        recent.StartAfter(5);
        Add(recent, 7);
        Assert.Empty(recent.ReadAfter(5, 100, out _, out var changed));
        Assert.Equal(5, recent.LastCursor);
        Add(recent, 6);
        Assert.True(changed.IsCompleted);
        Assert.Equal([6L, 7L], recent.ReadAfter(5, 100, out _, out _).Select(m => m.Stored.Cursor));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(300)]
    [InlineData(long.MaxValue)]
    public void The_encoded_delivery_is_exactly_the_protobuf_delivery(long cursor)
    {
        var envelope = new Envelope { Id = "foshan-typhoon", Kind = "alert", Payload = ByteString.CopyFromUtf8(new string('台', 100)) };
        var expected = new Delivery { Cursor = (ulong)cursor, Envelope = envelope }.ToByteArray();
        Assert.Equal(expected, EncodedDelivery.Encode(cursor, envelope.ToByteArray()).Bytes);
    }
}
