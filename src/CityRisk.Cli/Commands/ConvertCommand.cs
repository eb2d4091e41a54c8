using System.CommandLine;
using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk convert FILE --to json|cap [-o OUT]</c>: CAP XML to CityRisk JSON and back.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A CAP XML (1.0, 1.1, 1.2) or CityRisk JSON document, - for standard input." };
        var to = new Option<string>("--to") { Description = "The format to write: json (CityRisk JSON) or cap (CAP 1.2 XML).", Required = true };
        to.AcceptOnlyFromAmong("json", "cap");
        var output = new Option<string?>("--output", "-o") { Description = "The file to write; standard output when absent." };

        var command = new Command("convert", "Convert an alert between CAP XML and CityRisk JSON. Warnings (a dropped signature, say) go to standard error. Exit 1 when the input is invalid or cannot be expressed in the target format.")
        {
            file,
            to,
            output,
        };
        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(parse.GetRequiredValue(file), parse.GetRequiredValue(to), parse.GetValue(output), console, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string path, string target, string? outputPath, CliConsole console, CancellationToken cancellationToken)
    {
        var (document, openError) = await InputDocument<Alert>.LoadAsync(path, console, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            await console.Error.WriteLineAsync($"cityrisk: {openError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (document.Result.HasErrors || document.Result.Value is null)
        {
            await console.Error.WriteLineAsync($"cityrisk: {path} is invalid; nothing was converted:").ConfigureAwait(false);
            await WriteProblemsAsync(document.Result.Problems, console.Error).ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var alert = document.Result.Value;
        byte[] bytes;
        var problems = new List<Problem>();
        if (target == "json")
        {
            bytes = CityRiskJson.Write(alert, indented: true);
            if (alert.Signature is not null)
            {
                problems.Add(Problem.Warning(ProblemCodes.CapSignatureDropped, string.Empty,
                    "CityRisk JSON does not carry XML signatures: the signed bytes change in any conversion, so the signature was dropped."));
            }
        }
        else
        {
            var written = CapAlertWriter.Write(alert);
            problems.AddRange(written.Problems.Where(p => p.Severity == ProblemSeverity.Error || p.Code == ProblemCodes.CapSignatureDropped));
            if (written.Value is null)
            {
                await console.Error.WriteLineAsync($"cityrisk: {path} cannot be written as CAP 1.2:").ConfigureAwait(false);
                await WriteProblemsAsync(problems, console.Error).ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            bytes = written.Value;
        }

        await WriteProblemsAsync(problems, console.Error).ConfigureAwait(false);
        if (outputPath is null)
        {
            await console.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            if (bytes.Length > 0 && bytes[^1] != (byte)'\n')
            {
                await console.OutputStream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            console.Flush();
            return ExitCodes.Success;
        }

        try
        {
            await File.WriteAllBytesAsync(outputPath, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"cityrisk: cannot write {outputPath}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return ExitCodes.Success;
    }

    private static async Task WriteProblemsAsync(IEnumerable<Problem> problems, TextWriter writer)
    {
        foreach (var problem in problems)
        {
            await writer.WriteLineAsync($"  {problem}").ConfigureAwait(false);
        }
    }
}
