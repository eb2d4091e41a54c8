using System.Text.Json;

namespace CityRisk.Client;

/// <summary>
/// Checkpoints as small JSON files in a folder, one per subscription name, replaced atomically (written to a
/// temporary file, flushed to disk, then renamed over the old one), so a crash leaves the old or the new checkpoint,
/// never a torn one.
/// </summary>
public sealed class FileSubscriptionCheckpointStore : SubscriptionCheckpointStore
{
    private readonly string _folder;

    /// <summary>Keeps checkpoints in <paramref name="folder"/>, creating it if needed.</summary>
    /// <param name="folder">The folder.</param>
    public FileSubscriptionCheckpointStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The checkpoint file exists but is not a checkpoint.</exception>
    public override async ValueTask<SubscriptionCheckpoint?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return new SubscriptionCheckpoint(
                root.GetProperty("cursor").GetInt64(),
                new Uri(root.GetProperty("hub").GetString() ?? throw new FormatException("'hub' is null."), UriKind.Absolute),
                root.GetProperty("updatedAt").GetDateTimeOffset());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or UriFormatException)
        {
            throw new InvalidDataException($"The checkpoint file '{path}' is not a checkpoint ({ex.Message}); delete it to start the subscription afresh.", ex);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask SetAsync(string name, SubscriptionCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = PathOf(name);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await using (var writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("cursor", checkpoint.Cursor);
                    writer.WriteString("hub", checkpoint.Hub.AbsoluteUri);
                    writer.WriteString("updatedAt", checkpoint.UpdatedAt);
                    writer.WriteEndObject();
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name.StartsWith('.'))
        {
            throw new ArgumentException($"'{name}' is not a usable subscription name: use up to 100 ASCII letters, digits, '-', '_' and '.', not starting with '.'.", nameof(name));
        }

        return Path.Combine(_folder, $"{name}.checkpoint.json");
    }
}
