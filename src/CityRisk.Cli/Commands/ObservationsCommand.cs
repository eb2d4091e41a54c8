using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CityRisk.Hazards;
using CityRisk.Protocol;
using Sylvan.Data.Csv;

namespace CityRisk.Cli.Commands;

/// <summary>
/// <c>cityrisk observations send FILE</c>: readings from a CSV export (docs/hazards.md, "CSV"), sent through an
/// <see cref="ObservationWriter"/>; unreadable and refused rows are reported by row number, progress on long files.
/// </summary>
internal static class ObservationsCommand
{
    /// <summary>The columns, by header name; the order is free and other columns are ignored.</summary>
    internal static readonly string[] Columns = ["hazard_owner", "hazard_id", "indicator_id", "observed_at", "value", "unit", "quality", "sensor_id"];

    private static readonly string[] RequiredColumns = ["indicator_id", "observed_at", "value"];
    private static readonly string[] HazardColumn = ["hazard_id"];

    public static Command Create(CliConsole console) => new("observations", "Send hazards' observations (sensor readings) to a hub.")
    {
        Send(console),
    };

    internal static string Format(DateTimeOffset value) => ObservationMessages.FormatTime(value);

    private static Command Send(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A CSV file with a header row, - for standard input. Columns: indicator_id, observed_at (RFC 3339 with offset), value; hazard_id (or --hazard); optional hazard_owner (default: --partner), unit (UCUM), quality (good, suspect, bad), sensor_id." };
        var hazard = new Option<string?>("--hazard") { Description = "OWNER/ID of the hazard every row is about, for files without hazard columns." };
        var batch = new Option<int>("--batch-size") { Description = "Observations per call (1 to 5,000).", DefaultValueFactory = _ => 1000 };
        var connection = new HubConnection();
        var command = new Command("send", "Send observations from CSV. Prints what was recorded; each unreadable or refused row on standard error with its row number and reason; progress every 5 s. Exit 0 when every row was recorded (or already was), 1 when a row was unreadable or refused, 2 for usage errors.")
        {
            file, hazard, batch,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            string? owner = null, id = null;
            if (parse.GetValue(hazard) is { } key)
            {
                if (!HazardsCommand.TrySplit(key, out var o, out var i))
                {
                    await console.Error.WriteLineAsync($"cityrisk: --hazard '{key}' is not OWNER/ID.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                (owner, id) = (o, i);
            }

            return await SendAsync(client, parse.GetRequiredValue(file), owner ?? client.PartnerId, id, parse.GetValue(batch), console, cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> SendAsync(Client.CityRiskClient client, string path, string defaultOwner, string? defaultHazard, int batchSize, CliConsole console, CancellationToken cancellationToken)
    {
        if (batchSize is < 1 or > 5000)
        {
            await console.Error.WriteLineAsync($"cityrisk: --batch-size {batchSize} is outside 1 to 5,000.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        TextReader text;
        try
        {
            text = path == InputFiles.StandardInput ? new StreamReader(console.Input) : new StreamReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"cityrisk: cannot read {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (text)
        {
            await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken).ConfigureAwait(false);
            var ordinals = Columns.ToDictionary(c => c, c => Ordinal(csv, c));
            var missing = RequiredColumns.Concat(defaultHazard is null ? HazardColumn : []).Where(c => ordinals[c] < 0).ToList();
            if (missing.Count > 0)
            {
                await console.Error.WriteLineAsync($"cityrisk: {path} has no column {string.Join(", ", missing)} (the header has: {string.Join(", ", Enumerable.Range(0, csv.FieldCount).Select(csv.GetName))}); see 'cityrisk observations send --help'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            // The unreadable rows' numbers only (so memory stays flat for any file): the n-th observation written is
            // the n-th data row not among them. One lock for them and for standard error, written from two tasks.
            var skipped = new List<long>();
            var refused = 0L;
            var unreadable = 0L;
            var lockRows = new Lock();
            var writer = client.Hazards.CreateObservationWriter(new ObservationWriterOptions
            {
                BatchSize = batchSize,
                BufferSize = Math.Max(10_000, batchSize * 2),
                Refused = outcome =>
                {
                    Interlocked.Increment(ref refused);
                    lock (lockRows)
                    {
                        var row = outcome.Index + 1L;
                        foreach (var gap in skipped)
                        {
                            if (gap > row)
                            {
                                break;
                            }

                            row++;
                        }

                        console.Error.WriteLine($"row {row}: refused ({outcome.Refusal}): {outcome.Message}");
                    }
                },
            });
            var clock = Stopwatch.StartNew();
            var nextProgress = TimeSpan.FromSeconds(5);
            long row = 0;
            await using (writer)
            {
                while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    row++;
                    if (!TryRead(csv, ordinals, defaultOwner, defaultHazard, out var observation, out var reason))
                    {
                        unreadable++;
                        lock (lockRows)
                        {
                            skipped.Add(row);
                            console.Error.WriteLine($"row {row}: unreadable: {reason}");
                        }

                        continue;
                    }

                    await writer.WriteAsync(observation!, cancellationToken).ConfigureAwait(false);
                    if (clock.Elapsed >= nextProgress)
                    {
                        lock (lockRows)
                        {
                            console.Error.WriteLine($"... {row:N0} rows read, {writer.Summary.Recorded + writer.Summary.Duplicates:N0} acknowledged ({row / clock.Elapsed.TotalSeconds:N0} rows/s)");
                        }

                        nextProgress += TimeSpan.FromSeconds(5);
                    }
                }

                var summary = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"{row:N0} rows: {summary.Recorded:N0} recorded, {summary.Duplicates:N0} already recorded, {summary.Refused:N0} refused, {unreadable:N0} unreadable ({clock.Elapsed.TotalSeconds:N1} s)").ConfigureAwait(false);
                return summary.Refused + unreadable == 0 ? ExitCodes.Success : ExitCodes.Invalid;
            }
        }
    }

    private static int Ordinal(CsvDataReader csv, string column)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryRead(CsvDataReader csv, Dictionary<string, int> ordinals, string defaultOwner, string? defaultHazard, out Observation? observation, out string? reason)
    {
        string? Field(string column) => ordinals[column] is var i and >= 0 && i < csv.RowFieldCount && csv.GetString(i).Trim() is { Length: > 0 } value ? value : null;

        observation = null;
        var observedAt = Field("observed_at");
        if (!ObservationMessages.TryParseTime(observedAt, out var at))
        {
            reason = $"observed_at '{observedAt}' is not an RFC 3339 date-time with an offset, such as 2026-11-23T14:05:12+08:00";
            return false;
        }

        var valueText = Field("value");
        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            reason = $"value '{valueText}' is not a number (use a dot for decimals)";
            return false;
        }

        var qualityText = Field("quality");
        ObservationQuality quality;
        switch (qualityText?.ToLowerInvariant())
        {
            case null or "good" or "0": quality = ObservationQuality.Good; break;
            case "suspect" or "1": quality = ObservationQuality.Suspect; break;
            case "bad" or "2": quality = ObservationQuality.Bad; break;
            default:
                reason = $"quality '{qualityText}' is not good, suspect or bad";
                return false;
        }

        var hazardId = Field("hazard_id") ?? defaultHazard;
        var indicator = Field("indicator_id");
        if (hazardId is null || indicator is null)
        {
            reason = hazardId is null ? "hazard_id is empty (give it, or --hazard)" : "indicator_id is empty";
            return false;
        }

        observation = new Observation
        {
            HazardOwner = Field("hazard_owner") ?? defaultOwner,
            HazardId = hazardId,
            IndicatorId = indicator,
            ObservedAt = at,
            Value = value,
            Unit = Field("unit"),
            Quality = quality,
            SensorId = Field("sensor_id"),
        };
        reason = null;
        return true;
    }
}
