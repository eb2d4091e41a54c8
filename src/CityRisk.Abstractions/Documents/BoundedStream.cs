namespace CityRisk;

/// <summary>Reads a stream into memory without ever holding more than a limit plus one byte.</summary>
internal static class BoundedStream
{
    /// <summary>Reads to the end or to <paramref name="maxBytes"/> + 1 bytes, so callers can tell "too large" without reading it all.</summary>
    public static async Task<byte[]> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var limit = (long)maxBytes + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (buffer.Length < limit)
        {
            var wanted = (int)Math.Min(chunk.Length, limit - buffer.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
