using System.CommandLine;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Problems;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk publish FILE</c>: publishes a CAP or CityRisk JSON alert to a hub, as it is.</summary>
internal static class PublishCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A CAP XML (1.0, 1.1, 1.2) or CityRisk JSON alert, - for standard input; sent as it is (a signed CAP document keeps its signature)." };
        var roles = new Option<string[]>("--roles") { Description = "For a Restricted alert: who may see it, as roles (lifeline-operator) and partner:<id>; comma-separated or repeated.", AllowMultipleArgumentsPerToken = true };
        var recipients = new Option<string[]>("--recipients") { Description = "For a Private alert: the partner ids it is addressed to (they must be its <addresses>).", AllowMultipleArgumentsPerToken = true };
        var connection = new HubConnection();
        var command = new Command("publish", "Publish an alert to a hub. Prints its cursor (and 'duplicate' when the hub already had it). Exit 0 when published or a duplicate, 1 when the alert is invalid or refused, 2 for usage errors, an unreachable hub or a refused token.")
        {
            file, roles, recipients,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (client, error) = connection.Connect(parse, console);
            if (client is null)
            {
                await console.Error.WriteLineAsync($"cityrisk: {error}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using (client)
            {
                return await RunAsync(client, parse.GetRequiredValue(file), Split(parse.GetValue(roles)), Split(parse.GetValue(recipients)), console, cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    internal static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static async Task<int> RunAsync(CityRiskClient client, string path, string[] roles, string[] recipients, CliConsole console, CancellationToken cancellationToken)
    {
        var (document, openError) = await InputDocument<Alert>.LoadAsync(path, console, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            await console.Error.WriteLineAsync($"cityrisk: {openError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (document.Result.HasErrors)
        {
            await console.Error.WriteLineAsync($"cityrisk: {path} is invalid; nothing was sent.").ConfigureAwait(false);
            foreach (var problem in document.Result.Problems)
            {
                await console.Error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }

            return ExitCodes.Invalid;
        }

        try
        {
            var result = await client.Alerts.PublishDocumentAsync(document.Result, new AlertPublishOptions { RestrictionRoles = roles, Recipients = recipients }, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(result.Duplicate
                ? $"duplicate: {result.Sender}/{result.Id} was already published, at cursor {result.Cursor}"
                : $"published {result.Sender}/{result.Id} at cursor {result.Cursor}").ConfigureAwait(false);
            foreach (var warning in document.Result.Problems.Where(p => p.Severity == ProblemSeverity.Warning).Concat(result.Warnings))
            {
                await console.Error.WriteLineAsync($"  {warning}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (CityRiskException ex)
        {
            var exit = await HubConnection.ReportAsync(ex, console).ConfigureAwait(false);
            if (ex.Problems.Any(p => p.Path == "restriction_roles"))
            {
                await console.Error.WriteLineAsync("  (say who may see a Restricted alert with --roles, like --roles lifeline-operator,partner:shenzhen-gas)").ConfigureAwait(false);
            }

            return exit;
        }
        catch (ArgumentException ex)
        {
            await console.Error.WriteLineAsync($"cityrisk: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
