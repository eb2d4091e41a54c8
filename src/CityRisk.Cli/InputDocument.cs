using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Cli;

/// <summary>A document named on the command line: its bytes, its detected format and what reading it gave.</summary>
internal sealed record InputDocument(string Path, byte[] Bytes, DocumentFormat Format, FormatResult<Alert> Result)
{
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

    private static InputDocument Read(string path, byte[] bytes)
    {
        var format = DocumentFormats.Detect(bytes);
        var result = format switch
        {
            DocumentFormat.CapXml => CapAlertReader.Read(bytes),
            DocumentFormat.CityRiskJson => CityRiskJson.ReadAlert(bytes),
            _ => bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty || bytes.AsSpan().SequenceEqual("\xEF\xBB\xBF"u8)
                ? new FormatResult<Alert>(null, [Problem.Error(ProblemCodes.DocumentEmpty, string.Empty, "The document is empty.")])
                : bytes.Length > MaxBytes
                    ? new FormatResult<Alert>(null, [Problem.Error(ProblemCodes.DocumentTooLarge, string.Empty, $"The document is larger than the limit of {MaxBytes} bytes.")])
                    : new FormatResult<Alert>(null, [Problem.Error(ProblemCodes.DocumentFormatUnknown, string.Empty,
                        "The document is neither CAP XML (starting with '<') nor CityRisk JSON (starting with '{').")]),
        };
        return new InputDocument(path, bytes, format, result);
    }

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
