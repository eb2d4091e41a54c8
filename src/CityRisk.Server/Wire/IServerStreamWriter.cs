namespace CityRisk.Server.Wire;

/// <summary>Writes the messages of a server-streaming response.</summary>
internal interface IServerStreamWriter<in T>
{
    /// <summary>Writes one message and flushes it.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken);

    /// <summary>
    /// Buffers one message already encoded as a whole gRPC frame (header included), without flushing: a stream
    /// that has several messages ready writes them all and flushes once.
    /// </summary>
    void WriteFrame(ReadOnlySpan<byte> frame);

    /// <summary>
    /// Sends the response headers now, with these extra ones, before any message: the client learns the stream is
    /// open (and, for Subscribe, where it starts) without waiting for the first message.
    /// </summary>
    Task SendHeadersAsync(IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);

    /// <summary>Sends what <see cref="WriteFrame"/> buffered; waits while HTTP/2 flow control holds it back.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
