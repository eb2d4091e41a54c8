using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Json;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk tail</c>: follows a hub's alerts, one line per delivery, across reconnections and hub restarts.</summary>
internal static class TailCommand
{
    public static Command Create(CliConsole console)
    {
        var kind = new Option<string>("--kind") { Description = "The kind of message to follow (alert; the other kinds come with their workflows).", DefaultValueFactory = _ => DocumentKinds.Alert };
        var area = new Option<string?>("--area") { Description = "Only alerts whose areas intersect this box: west,south,east,north in degrees (113.52,22.10,113.60,22.22)." };
        var minLevel = new Option<WarningLevel?>("--min-level") { Description = "Only alerts with at least this warning level: blue, yellow, orange, red." };
        var senders = new Option<string[]>("--sender") { Description = "Only alerts from these partners; comma-separated or repeated.", AllowMultipleArgumentsPerToken = true };
        var fromCursor = new Option<long?>("--from-cursor") { Description = "Start after this cursor (the last one you processed)." };
        var fromBeginning = new Option<bool>("--from-beginning") { Description = "Replay everything the hub holds first." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A folder to keep this tail's position in (with --name): a restarted tail goes on where it stopped." };
        var name = new Option<string?>("--name") { Description = "The subscription's name for --checkpoint.", DefaultValueFactory = _ => "tail" };
        var format = new Option<string>("--format") { Description = "text (one readable line per alert) or json (one JSON object per line: cursor, sender, alert).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var connection = new HubConnection();
        var command = new Command("tail", "Follow a hub's alerts until Ctrl+C, one line per delivery; keeps going across hub restarts (each alert once, in order). Exit 0 when stopped, 2 for usage errors, an unreachable hub at the start or a refused token.")
        {
            kind, area, minLevel, senders, fromCursor, fromBeginning, checkpoint, name, format,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetRequiredValue(kind) != DocumentKinds.Alert)
            {
                await console.Error.WriteLineAsync($"cityrisk: --kind {parse.GetValue(kind)} is not followed yet; this version follows 'alert'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (parse.GetValue(fromCursor) is not null && parse.GetValue(fromBeginning))
            {
                await console.Error.WriteLineAsync("cityrisk: give --from-cursor or --from-beginning, not both.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            AlertFilter filter;
            SubscriptionStart start;
            try
            {
                filter = new AlertFilter
                {
                    Area = parse.GetValue(area) is { } box ? AlertArea.ParseBoundingBox(box) : null,
                    MinLevel = parse.GetValue(minLevel),
                    Senders = PublishCommand.Split(parse.GetValue(senders)),
                };
                start = parse.GetValue(fromCursor) is { } cursor ? SubscriptionStart.After(cursor) : parse.GetValue(fromBeginning) ? SubscriptionStart.FromBeginning : SubscriptionStart.FromNow;
            }
            catch (ArgumentException ex)
            {
                await console.Error.WriteLineAsync($"cityrisk: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var (client, error) = connection.Connect(parse, console);
            if (client is null)
            {
                await console.Error.WriteLineAsync($"cityrisk: {error}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using (client)
            {
                FileSubscriptionCheckpointStore? checkpoints;
                try
                {
                    checkpoints = parse.GetValue(checkpoint) is { } folder ? new FileSubscriptionCheckpointStore(folder) : null;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await console.Error.WriteLineAsync($"cityrisk: cannot use --checkpoint {parse.GetValue(checkpoint)}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                var options = new AlertSubscribeOptions
                {
                    Filter = filter,
                    Start = start,
                    Name = checkpoints is null ? null : parse.GetValue(name),
                    CheckpointStore = checkpoints,
                };
                return await RunAsync(client, options, parse.GetRequiredValue(format) == "json", console, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CityRiskClient client, AlertSubscribeOptions options, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in client.Alerts.SubscribeAsync(options, cancellationToken).ConfigureAwait(false))
            {
                if (json)
                {
                    WriteJson(message, console.OutputStream);
                }
                else
                {
                    await console.Out.WriteLineAsync(Describe(message)).ConfigureAwait(false);
                }

                console.Flush();
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (CityRiskException ex)
        {
            return await HubConnection.ReportAsync(ex, console).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // A damaged checkpoint file, a bad --name, a checkpoint folder that cannot be written.
            await console.Error.WriteLineAsync($"cityrisk: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    /// <summary><c>12 foshan-em/FS-EM-TY-01 Alert Orange Severe 2026-11-23T14:00:00+08:00 "headline"</c>.</summary>
    internal static string Describe(AlertMessage message)
    {
        var alert = message.Alert;
        var level = alert.Info.Select(i => i.Level).Max()?.ToString() ?? "-";
        var severity = alert.Info.Count == 0 ? "-" : alert.Info.Max(i => i.Severity).ToString();
        var headline = alert.Info.Select(i => i.Headline ?? i.Event).FirstOrDefault(h => !string.IsNullOrEmpty(h)) ?? string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{message.Cursor} {message.Sender}/{message.Id} {alert.MessageType} {level} {severity} {alert.Sent:yyyy-MM-dd'T'HH:mm:sszzz} \"{headline}\"");
    }

    private static void WriteJson(AlertMessage message, Stream output)
    {
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("cursor", message.Cursor);
            writer.WriteString("sender", message.Sender);
            writer.WritePropertyName("alert");
            CityRiskJson.Write(writer, message.Alert);
            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }
}
