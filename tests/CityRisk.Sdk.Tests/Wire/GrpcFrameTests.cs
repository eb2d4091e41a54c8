using System.Buffers;
using CityRisk.Wire;

namespace CityRisk.Sdk.Tests.Wire;

public class GrpcFrameTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Frames_round_trip_and_a_clean_end_is_null()
    {
        var buffer = new ArrayBufferWriter<byte>();
        GrpcFrame.Write(buffer, "hello"u8);
        GrpcFrame.Write(buffer, ReadOnlySpan<byte>.Empty);
        using var stream = new MemoryStream(buffer.WrittenSpan.ToArray());

        Assert.Equal("hello"u8.ToArray(), await GrpcFrame.ReadAsync(stream, 100, Cancel));
        Assert.Empty((await GrpcFrame.ReadAsync(stream, 100, Cancel))!);
        Assert.Null(await GrpcFrame.ReadAsync(stream, 100, Cancel));
    }

    [Fact]
    public void Header_is_flag_then_big_endian_length()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 1, 2, 7, 7 }[..5], GrpcFrame.ToArray(new byte[258])[..5]);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, (int)GrpcStatusCode.Internal)]
    [InlineData(new byte[] { 0, 0, 0, 0, 9, 1, 2 }, (int)GrpcStatusCode.Internal)]
    [InlineData(new byte[] { 1, 0, 0, 0, 1, 42 }, (int)GrpcStatusCode.Unimplemented)]
    [InlineData(new byte[] { 7, 0, 0, 0, 1, 42 }, (int)GrpcStatusCode.Internal)]
    [InlineData(new byte[] { 0, 0x7F, 0xFF, 0xFF, 0xFF }, (int)GrpcStatusCode.ResourceExhausted)]
    public async Task Bad_frames_are_wire_errors_with_a_status(byte[] bytes, int expected)
    {
        using var stream = new MemoryStream(bytes);
        var error = await Assert.ThrowsAsync<GrpcWireException>(async () => await GrpcFrame.ReadAsync(stream, 1024, Cancel));
        Assert.Equal((GrpcStatusCode)expected, error.StatusCode);
    }

    [Fact]
    public async Task Oversize_is_refused_before_the_body_is_read()
    {
        var frame = GrpcFrame.ToArray(new byte[2000]);
        using var stream = new MemoryStream(frame);
        await Assert.ThrowsAsync<GrpcWireException>(async () => await GrpcFrame.ReadAsync(stream, 1000, Cancel));
        Assert.Equal(GrpcProtocol.FrameHeaderLength, stream.Position);
    }
}
