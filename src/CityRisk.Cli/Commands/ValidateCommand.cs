using System.CommandLine;
using System.Text.Json;
using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Problems;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk validate FILE...</c>: reads each document and prints every problem.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "CAP XML (1.0, 1.1, 1.2) or CityRisk JSON documents, - for standard input; the format is detected from the content.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (one line per problem) or json (for machines).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("validate", "Validate alerts against CAP and the CityRisk rules. Exit 0 when every document is valid (warnings allowed); 1 when any document's content is invalid (malformed, empty, too large, neither CAP nor CityRisk JSON, breaking a rule); 2 for usage errors and files that are missing, are directories or cannot be opened.")
        {
            files,
            format,
        };
        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(parse.GetRequiredValue(files), parse.GetRequiredValue(format) == "json", console, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        var documents = new List<InputDocument<object>>();
        var openErrors = new List<string>();
        foreach (var path in paths)
        {
            var (document, openError) = await InputDocument<object>.LoadAsync(path, console, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                openErrors.Add(openError!);
                await console.Error.WriteLineAsync($"cityrisk: {openError}").ConfigureAwait(false);
            }
            else
            {
                documents.Add(document);
            }
        }

        if (json)
        {
            WriteJson(documents, openErrors, console.OutputStream);
        }
        else
        {
            foreach (var document in documents)
            {
                WriteText(document, console.Out);
            }
        }

        console.Flush();
        return openErrors.Count > 0 ? ExitCodes.Usage : documents.Any(d => d.Result.HasErrors) ? ExitCodes.Invalid : ExitCodes.Success;
    }

    private static void WriteText(InputDocument<object> document, TextWriter output)
    {
        var result = document.Result;
        var errors = result.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = result.Problems.Count - errors;
        var verdict = result.HasErrors ? $"invalid ({Count(errors, "error")}{(warnings > 0 ? $", {Count(warnings, "warning")}" : string.Empty)})" : warnings > 0 ? $"valid ({Count(warnings, "warning")})" : "valid";
        var what = result.Value switch
        {
            Alert alert => $" {Describe(document.Format)} alert {alert.Identifier}",
            Hazard hazard => $" hazard {hazard.Owner}/{hazard.Id} revision {hazard.Revision}",
            Observation observation => $" observation of {observation.HazardOwner}/{observation.HazardId} {observation.IndicatorId} at {observation.ObservedAt:yyyy-MM-dd'T'HH:mm:ssK}",
            _ => string.Empty,
        };
        output.WriteLine($"{document.Path}: {verdict}{(result.HasErrors ? string.Empty : what)}");
        foreach (var problem in result.Problems)
        {
            output.WriteLine($"  {problem}");
        }
    }

    private static void WriteJson(List<InputDocument<object>> documents, List<string> openErrors, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteBoolean("valid", openErrors.Count == 0 && documents.All(d => !d.Result.HasErrors));
        writer.WriteStartArray("files");
        foreach (var document in documents)
        {
            writer.WriteStartObject();
            writer.WriteString("path", document.Path);
            writer.WriteString("format", document.Format switch { DocumentFormat.CapXml => "cap", DocumentFormat.CityRiskJson => "json", _ => "unknown" });
            writer.WriteBoolean("valid", !document.Result.HasErrors);
            if (document.Result.Codec is { } codec)
            {
                writer.WriteString("kind", codec.Kind);
            }

            switch (document.Result.Value)
            {
                case Alert alert:
                    writer.WriteString("identifier", alert.Identifier);
                    break;
                case Hazard hazard:
                    writer.WriteString("owner", hazard.Owner);
                    writer.WriteString("id", hazard.Id);
                    writer.WriteNumber("revision", hazard.Revision);
                    break;
            }

            writer.WriteStartArray("problems");
            foreach (var problem in document.Result.Problems)
            {
                writer.WriteStartObject();
                writer.WriteString("severity", problem.Severity == ProblemSeverity.Error ? "error" : "warning");
                writer.WriteString("code", problem.Code);
                writer.WriteString("path", problem.Path);
                writer.WriteString("message", problem.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unreadable");
        foreach (var error in openErrors)
        {
            writer.WriteStringValue(error);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Describe(DocumentFormat format) => format == DocumentFormat.CapXml ? "CAP" : "CityRisk JSON";
}
