using System.Buffers;
using System.Buffers.Binary;

namespace CityRisk.Wire;

/// <summary>gRPC length-prefixed messages: a compressed flag byte, a 4-byte big-endian length, the message.</summary>
internal static class GrpcFrame
{
    /// <summary>Writes one uncompressed frame.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> message)
    {
        var header = output.GetSpan(GrpcProtocol.FrameHeaderLength);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)message.Length);
        output.Advance(GrpcProtocol.FrameHeaderLength);
        output.Write(message);
    }

    /// <summary>One frame as bytes: header and message.</summary>
    public static byte[] ToArray(ReadOnlySpan<byte> message)
    {
        var frame = new byte[GrpcProtocol.FrameHeaderLength + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame.AsSpan(GrpcProtocol.FrameHeaderLength));
        return frame;
    }

    /// <summary>
    /// Reads the next frame from a stream. Returns the message, or null at a clean end of stream (no bytes
    /// of a new frame); throws <see cref="GrpcWireException"/> for a truncated frame, a compressed frame
    /// (no compression is negotiated) or a message over <paramref name="maxMessageBytes"/>, before reading
    /// an oversized message's body.
    /// </summary>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, int maxMessageBytes, CancellationToken cancellationToken)
    {
        var header = new byte[GrpcProtocol.FrameHeaderLength];
        var read = await ReadAtLeastAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new GrpcWireException(GrpcStatusCode.Internal, "The stream ended inside a message header (a truncated gRPC frame).");
        }

        if (header[0] == 1)
        {
            throw new GrpcWireException(GrpcStatusCode.Unimplemented, "Compressed messages are not supported: send them uncompressed (grpc-encoding identity).");
        }

        if (header[0] != 0)
        {
            throw new GrpcWireException(GrpcStatusCode.Internal, $"Invalid gRPC frame: the compressed flag is {header[0]}, not 0 or 1.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxMessageBytes)
        {
            throw new GrpcWireException(GrpcStatusCode.ResourceExhausted, $"The message is {length} bytes, over the limit of {maxMessageBytes}.");
        }

        var message = new byte[length];
        if (length > 0 && await ReadAtLeastAsync(stream, message, cancellationToken).ConfigureAwait(false) < length)
        {
            throw new GrpcWireException(GrpcStatusCode.Internal, $"The stream ended inside a {length}-byte message (a truncated gRPC frame).");
        }

        return message;
    }

    private static async ValueTask<int> ReadAtLeastAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
}
