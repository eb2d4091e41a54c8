using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Cli;

/// <summary>A document named on the command line: its bytes and what reading them once gave (format, alert, problems).</summary>
internal sealed record InputDocument(string Path, ParsedDocument<Alert> Result)
{
    /// <summary>The detected format; <see cref="DocumentFormat.Unknown"/> when no codec read it.</summary>
    public DocumentFormat Format => Result.Codec?.Format ?? DocumentFormat.Unknown;

    /// <summary>The largest file the CLI reads; the readers' own limit is the same.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Loads and reads a file, or returns why it cannot be opened (a usage error, not a document problem).</summary>
    public static async Task<(InputDocument? Document, string? OpenError)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return (null, $"'{path}' is a directory; name the document files.");
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            bytes = await BoundedRead(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return (null, $"file not found: {path}");
        }
        catch (DirectoryNotFoundException)
        {
            return (null, $"file not found: {path}");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"permission denied: {path}");
        }
        catch (IOException ex)
        {
            return (null, $"cannot read {path}: {ex.Message}");
        }

        return (Read(path, bytes), null);
    }

    // Read once: the publish command sends this same parsed document without reading it again.
    private static InputDocument Read(string path, byte[] bytes) => new(path, DocumentCodecs.Default.Read<Alert>(bytes));

    private static async Task<byte[]> BoundedRead(Stream stream, CancellationToken cancellationToken)
    {
        // One byte past the limit is enough for the readers to say "too large".
        var buffer = new byte[Math.Min(stream.Length, MaxBytes + 1L)];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }
}
