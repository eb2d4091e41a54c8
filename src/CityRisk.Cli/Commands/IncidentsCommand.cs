using System.CommandLine;
using System.Data;
using System.Globalization;
using System.Text.Json;
using CityRisk.Incidents;
using Sylvan.Data.Csv;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk incidents report|transition|get|query|stats</c>: incidents and their closed loop, on a hub (docs/incidents.md).</summary>
internal static class IncidentsCommand
{
    private static readonly DocumentCodec<Incident> Json = DocumentCodecs.Default.Get<Incident>(DocumentFormat.CityRiskJson);

    public static Command Create(CliConsole console) => new("incidents", "Report incidents, take the steps of their closed loop, and read them and their statistics (docs/incidents.md).")
    {
        Report(console),
        Transition(console),
        Get(console),
        Query(console),
        Stats(console),
    };

    private static Command Report(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A CityRisk JSON incident (kind \"incident\"), - for standard input: revision 1 reports it; a later revision you built publishes that step." };
        var connection = new HubConnection();
        var command = new Command("report", "Publish an incident document: revision 1 (Reported) reports it; a later revision is a step you built. Exit 0 when stored or a duplicate, 1 when invalid or refused, 2 for usage errors.") { file };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            var (incident, exit) = await InputDocument<Incident>.LoadValidAsync(parse.GetRequiredValue(file), console, cancellationToken).ConfigureAwait(false);
            if (incident is null)
            {
                return exit;
            }

            if (incident.Revision == 1)
            {
                var result = await client.Incidents.ReportAsync(incident, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(result.Duplicate
                    ? $"duplicate: incident {incident.Owner}/{incident.Id} was already reported, at cursor {result.Cursor}"
                    : $"reported incident {incident.Owner}/{incident.Id} at cursor {result.Cursor}").ConfigureAwait(false);
            }
            else
            {
                var published = await client.Incidents.PublishRevisionAsync(incident, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"published incident {incident.Owner}/{incident.Id} revision {incident.Revision} ({incident.State}) at cursor {published.Cursor}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Transition(CliConsole console)
    {
        var key = new Argument<string>("incident") { Description = "OWNER/ID, like kaifeng-grid/kf-2026-000123." };
        var state = new Argument<IncidentState>("state") { Description = "The new state: Verified, Dispatched, Handling, Resolved, Closed, Rejected, Merged (or the current state for a note)." };
        var note = new Option<string?>("--note") { Description = "Why, or what was done." };
        var assignTo = new Option<string?>("--assign-to") { Description = "For a dispatch: the partner to handle it." };
        var mergedInto = new Option<string?>("--merged-into") { Description = "For Merged: OWNER/ID of the incident it duplicates." };
        var connection = new HubConnection();
        var command = new Command("transition", "Take a step of an incident's closed loop as yourself, now. Exit 0 when stored, 1 when refused (an illegal step names the allowed states, a step not yours says who may take it, a stale one names the current revision), 2 for usage errors.")
        {
            key, state, note, assignTo, mergedInto,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            IncidentKey? target = null;
            if (!HazardsCommand.TrySplit(parse.GetRequiredValue(key), out var owner, out var id)
                || (parse.GetValue(mergedInto) is { } merged && !TryKey(merged, out target)))
            {
                await console.Error.WriteLineAsync("cityrisk: name incidents as OWNER/ID.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var step = await client.Incidents.TransitionAsync(owner, id, parse.GetRequiredValue(state), parse.GetValue(note), parse.GetValue(assignTo), target, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"{owner}/{id} revision {step.Incident.Revision}: {step.Incident.State}{(step.Incident.AssignedTo is { } a ? $", assigned to {a}" : string.Empty)} (cursor {step.Cursor})").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var key = new Argument<string>("incident") { Description = "OWNER/ID, like kaifeng-grid/kf-2026-000123." };
        var history = new Option<bool>("--history") { Description = "Print the case file instead: one line per revision (who, when, state, note)." };
        var connection = new HubConnection();
        var command = new Command("get", "Print an incident's latest revision as CityRisk JSON, or its history. Exit 0 when found, 1 when there is no such incident you may see, 2 for usage errors.") { key, history };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            if (!HazardsCommand.TrySplit(parse.GetRequiredValue(key), out var owner, out var id))
            {
                await console.Error.WriteLineAsync($"cityrisk: '{parse.GetRequiredValue(key)}' is not OWNER/ID.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (!parse.GetValue(history))
            {
                var message = await client.Incidents.GetAsync(owner, id, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(Json.Write(message.Incident, validate: false).Value!)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var revisions = await client.Incidents.GetHistoryAsync(owner, id, cancellationToken).ConfigureAwait(false);
            if (revisions.Count == 0)
            {
                await console.Error.WriteLineAsync($"cityrisk: there is no incident {owner}/{id} you may see.").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            foreach (var revision in revisions.Select(r => r.Incident))
            {
                await console.Out.WriteLineAsync($"{revision.Revision}\t{ObservationsCommand.Format(revision.UpdatedAt)}\t{revision.UpdatedBy}\t{revision.State}{(revision.AssignedTo is { } a ? $" ({a})" : string.Empty)}\t{revision.Note}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Query(CliConsole console)
    {
        var jurisdictions = new Option<string[]>("--jurisdiction") { Description = "Only incidents in these GB/T 2260 divisions or within them.", AllowMultipleArgumentsPerToken = true };
        var states = new Option<IncidentState[]>("--state") { Description = "Only incidents in these states.", AllowMultipleArgumentsPerToken = true };
        var types = new Option<string[]>("--type") { Description = "Only these types (accident/fire ...).", AllowMultipleArgumentsPerToken = true };
        var categories = new Option<string[]>("--category") { Description = "Only these categories (natural-disaster, accident, public-health, social-safety).", AllowMultipleArgumentsPerToken = true };
        var grades = new Option<IncidentGrade[]>("--grade") { Description = "Only these grades (I, II, III, IV).", AllowMultipleArgumentsPerToken = true };
        var assigned = new Option<string[]>("--assigned-to") { Description = "Only incidents assigned to these partners.", AllowMultipleArgumentsPerToken = true };
        var history = new Option<bool>("--history") { Description = "Every revision, not only each incident's latest." };
        var connection = new HubConnection();
        var command = new Command("query", "List the incidents you may see, one line each: owner/id, revision, state, type, grade, jurisdiction, reported at, assignee, title.")
        {
            jurisdictions, states, types, categories, grades, assigned, history,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            var query = new IncidentQuery
            {
                IncludeHistory = parse.GetValue(history),
                Filter = new IncidentFilter
                {
                    Jurisdictions = PublishCommand.Split(parse.GetValue(jurisdictions)),
                    States = parse.GetValue(states),
                    Types = PublishCommand.Split(parse.GetValue(types)),
                    Categories = PublishCommand.Split(parse.GetValue(categories)),
                    Grades = parse.GetValue(grades),
                    AssignedTo = PublishCommand.Split(parse.GetValue(assigned)),
                },
            };
            var count = 0;
            await foreach (var message in client.Incidents.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                var i = message.Incident;
                await console.Out.WriteLineAsync($"{i.Owner}/{i.Id}\trevision {i.Revision}\t{i.State}\t{i.Type}\t{i.Grade}\t{i.Jurisdiction}\t{ObservationsCommand.Format(i.ReportedAt)}\t{i.AssignedTo ?? "-"}\t{i.Title.Get("zh")}").ConfigureAwait(false);
                count++;
            }

            await console.Error.WriteLineAsync($"{count} incident(s)").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Stats(CliConsole console)
    {
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "The division (six-digit GB/T 2260 code); its sub-divisions are listed too.", Required = true };
        var from = new Option<DateTimeOffset>("--from") { Description = "Reported at or after (ISO 8601 with offset: 2026-11-01T00:00:00+08:00).", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "Reported before.", Required = true };
        var types = new Option<string[]>("--type") { Description = "Only these types or categories.", AllowMultipleArgumentsPerToken = true };
        var grades = new Option<IncidentGrade[]>("--grade") { Description = "Only these grades.", AllowMultipleArgumentsPerToken = true };
        var older = new Option<int>("--open-older-than-days") { Description = "Open cases reported at least this many days before as-of count as old.", DefaultValueFactory = _ => 30 };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "Measure open cases' age from this instant; the hub's clock when not given." };
        var format = new Option<string>("--format") { Description = "table (default), json or csv (RFC 4180, UTF-8).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var connection = new HubConnection();
        var command = new Command("stats", "Print incident statistics for a division and its sub-divisions over what you may see: reported, closed, closure rate, median and 90th-percentile time to close, open and old open cases.")
        {
            jurisdiction, from, to, types, grades, older, asOf, format,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => HazardsCommand.WithClientAsync(connection, parse, console, async client =>
        {
            var report = await client.Incidents.GetStatisticsAsync(new IncidentStatisticsQuery
            {
                Jurisdiction = parse.GetRequiredValue(jurisdiction),
                ReportedFrom = parse.GetRequiredValue(from),
                ReportedTo = parse.GetRequiredValue(to),
                Types = PublishCommand.Split(parse.GetValue(types)),
                Grades = parse.GetValue(grades),
                OpenOlderThan = TimeSpan.FromDays(Math.Max(1, parse.GetValue(older))),
                AsOf = parse.GetValue(asOf),
            }, cancellationToken).ConfigureAwait(false);
            var rows = (IReadOnlyList<IncidentCountsReport>)[report.Total, .. report.Subdivisions];
            switch (parse.GetValue(format))
            {
                case "json":
                    await console.Out.WriteLineAsync(ToJson(report)).ConfigureAwait(false);
                    break;
                case "csv":
                    await WriteCsvAsync(rows, console.Out, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await WriteTableAsync(rows, report.AsOf, console.Out).ConfigureAwait(false);
                    break;
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static bool TryKey(string text, out IncidentKey? key)
    {
        key = HazardsCommand.TrySplit(text, out var owner, out var id) ? new IncidentKey { Owner = owner, Id = id } : null;
        return key is not null;
    }

    private static readonly string[] Columns = ["jurisdiction", "reported", "closed", "rejected", "merged", "open", "closure_rate", "median_seconds_to_close", "p90_seconds_to_close", "open_older_than"];

    private static object?[] Values(IncidentCountsReport r) =>
        [r.Jurisdiction, r.Reported, r.Closed, r.Rejected, r.Merged, r.Open, Math.Round(r.ClosureRate, 4), (long?)r.MedianTimeToClose?.TotalSeconds, (long?)r.P90TimeToClose?.TotalSeconds, r.OpenOlderThan];

    private static async Task WriteTableAsync(IReadOnlyList<IncidentCountsReport> rows, DateTimeOffset asOf, TextWriter output)
    {
        string[] header = ["division", "reported", "closed", "rejected", "merged", "open", "closure", "median close", "p90 close", "open > N days"];
        var cells = rows.Select(r => new[]
        {
            r.Jurisdiction + (Jurisdiction.TryParse(r.Jurisdiction, out var j) && j.Name is { } name ? $" {name}" : string.Empty),
            N(r.Reported), N(r.Closed), N(r.Rejected), N(r.Merged), N(r.Open),
            r.ClosureRate.ToString("P2", CultureInfo.InvariantCulture), Duration(r.MedianTimeToClose), Duration(r.P90TimeToClose), N(r.OpenOlderThan),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        await output.WriteLineAsync(string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i])))).ConfigureAwait(false);
        foreach (var row in cells)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])))).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"(open cases aged from {ObservationsCommand.Format(asOf)})").ConfigureAwait(false);

        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        static string Duration(TimeSpan? value) => value is not { } d ? "-"
            : d.TotalDays >= 1 ? $"{(int)d.TotalDays}d {d.Hours}h" : d.TotalHours >= 1 ? $"{(int)d.TotalHours}h {d.Minutes}m" : $"{(int)d.TotalMinutes}m {d.Seconds}s";
    }

    private static async Task WriteCsvAsync(IReadOnlyList<IncidentCountsReport> rows, TextWriter output, CancellationToken cancellationToken)
    {
        using var table = new DataTable("incident_statistics") { Locale = CultureInfo.InvariantCulture };
        table.Columns.Add(Columns[0], typeof(string));
        foreach (var column in Columns.Skip(1))
        {
            table.Columns.Add(column, column == "closure_rate" ? typeof(double) : typeof(long));
        }

        foreach (var row in rows)
        {
            table.Rows.Add([.. Values(row).Select(v => v ?? DBNull.Value)]);
        }

        using var reader = table.CreateDataReader();
        await using var csv = CsvDataWriter.Create(output, new CsvDataWriterOptions { Culture = CultureInfo.InvariantCulture, NewLine = "\r\n" });
        await csv.WriteAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static string ToJson(IncidentStatisticsReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("asOf", ObservationsCommand.Format(report.AsOf));
            writer.WritePropertyName("total");
            Write(writer, report.Total);
            writer.WriteStartArray("subdivisions");
            foreach (var row in report.Subdivisions)
            {
                Write(writer, row);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());

        static void Write(Utf8JsonWriter writer, IncidentCountsReport row)
        {
            writer.WriteStartObject();
            var values = Values(row);
            for (var i = 0; i < Columns.Length; i++)
            {
                switch (values[i])
                {
                    case null:
                        writer.WriteNull(Columns[i]);
                        break;
                    case string text:
                        writer.WriteString(Columns[i], text);
                        break;
                    case double number:
                        writer.WriteNumber(Columns[i], number);
                        break;
                    case long number:
                        writer.WriteNumber(Columns[i], number);
                        break;
                }
            }

            writer.WriteEndObject();
        }
    }
}
