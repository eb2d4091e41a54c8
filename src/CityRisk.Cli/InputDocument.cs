using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Cli;

/// <summary>A document named on the command line: its bytes and what reading them once gave (format, document, problems).</summary>
/// <typeparam name="T">The contract a command takes: <see cref="Alert"/> to convert or publish, <see cref="object"/> (any kind) to validate.</typeparam>
internal sealed record InputDocument<T>(string Path, ParsedDocument<T> Result)
    where T : class
{
    /// <summary>The detected format; <see cref="DocumentFormat.Unknown"/> when no codec read it.</summary>
    public DocumentFormat Format => Result.Codec?.Format ?? DocumentFormat.Unknown;


    /// <summary>
    /// Loads and reads a file (<c>-</c> for standard input; pipes, FIFOs and <c>/dev/stdin</c> too), or returns why it
    /// cannot be opened (a usage error, not a document problem).
    /// </summary>
    public static async Task<(InputDocument<T>? Document, string? OpenError)> LoadAsync(string path, CliConsole console, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            if (path == InputFiles.StandardInput)
            {
                var input = console.Input;
                return (Read("(standard input)", await BoundedRead(input, cancellationToken).ConfigureAwait(false)), null);
            }

            if (Directory.Exists(path))
            {
                return (null, $"'{path}' is a directory; name the document files.");
            }

            // Not seekable for pipes and FIFOs: the read never asks the stream for its length.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: false);
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

    /// <summary>
    /// Loads a document a command is to send: the document, or the exit code after saying on standard error why not
    /// (usage for a file that cannot be opened, invalid with every problem for a document that does not read).
    /// </summary>
    public static async Task<(T? Value, int Exit)> LoadValidAsync(string path, CliConsole console, CancellationToken cancellationToken)
    {
        var (document, openError) = await LoadAsync(path, console, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            await console.Error.WriteLineAsync($"cityrisk: {openError}").ConfigureAwait(false);
            return (null, ExitCodes.Usage);
        }

        if (document.Result.HasErrors || document.Result.Value is not { } value)
        {
            await console.Error.WriteLineAsync($"cityrisk: {path} is invalid; nothing was sent.").ConfigureAwait(false);
            foreach (var problem in document.Result.Problems)
            {
                await console.Error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }

            return (null, ExitCodes.Invalid);
        }

        return (value, ExitCodes.Success);
    }

    // Read once: the publish command sends this same parsed document without reading it again.
    private static InputDocument<T> Read(string path, byte[] bytes) => new(path, DocumentCodecs.Default.Read<T>(bytes));

    /// <summary>Reads to the end or to one byte past the limit (enough for the readers to say "too large"), from any stream.</summary>
    private static async Task<byte[]> BoundedRead(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (buffer.Length <= InputFiles.MaxBytes)
        {
            var wanted = (int)Math.Min(chunk.Length, InputFiles.MaxBytes + 1L - buffer.Length);
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
