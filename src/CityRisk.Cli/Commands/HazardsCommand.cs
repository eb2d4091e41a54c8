using System.CommandLine;
using CityRisk.Client;
using CityRisk.Hazards;
using CityRisk.Problems;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk hazards register|get|query|status</c>: the hazards you monitor, on a hub.</summary>
internal static class HazardsCommand
{
    private static readonly DocumentCodec<Hazard> Json = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson);

    public static Command Create(CliConsole console) => new("hazards", "Register the hazards you monitor and read those you may see (docs/hazards.md).")
    {
        Register(console),
        Get(console),
        Query(console),
        Status(console),
    };

    private static Command Register(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A CityRisk JSON hazard (kind \"hazard\"), - for standard input. Revision 1 registers it; a higher revision revises it." };
        var connection = new HubConnection();
        var command = new Command("register", "Publish a hazard you own: revision 1 registers it, revision n+1 revises it. Exit 0 when stored or a duplicate, 1 when invalid or refused (an out-of-order revision names the current one), 2 for usage errors.") { file };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => WithClientAsync(connection, parse, console, async client =>
        {
            var (hazard, exit) = await InputDocument<Hazard>.LoadValidAsync(parse.GetRequiredValue(file), console, cancellationToken).ConfigureAwait(false);
            if (hazard is null)
            {
                return exit;
            }

            var result = hazard.Revision == 1
                ? await client.Hazards.RegisterAsync(hazard, cancellationToken).ConfigureAwait(false)
                : await client.Hazards.ReviseAsync(hazard, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(result.Duplicate
                ? $"duplicate: hazard {hazard.Owner}/{hazard.Id} revision {hazard.Revision} was already published, at cursor {result.Cursor}"
                : $"published hazard {hazard.Owner}/{hazard.Id} revision {hazard.Revision} at cursor {result.Cursor}").ConfigureAwait(false);
            foreach (var warning in result.Warnings)
            {
                await console.Error.WriteLineAsync($"  {warning}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var key = new Argument<string>("hazard") { Description = "OWNER/ID, like hefei-lifeline/hf-bridge-0042." };
        var connection = new HubConnection();
        var command = new Command("get", "Print a hazard's latest revision as CityRisk JSON. Exit 0 when found, 1 when there is no such hazard you may see, 2 for usage errors.") { key };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => WithClientAsync(connection, parse, console, async client =>
        {
            if (!TrySplit(parse.GetRequiredValue(key), out var owner, out var id))
            {
                await console.Error.WriteLineAsync($"cityrisk: '{parse.GetRequiredValue(key)}' is not OWNER/ID.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var message = await client.Hazards.GetAsync(owner, id, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(Json.Write(message.Hazard, validate: false).Value!)).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Query(CliConsole console)
    {
        var owners = new Option<string[]>("--owner") { Description = "Only hazards of these owners; comma-separated or repeated.", AllowMultipleArgumentsPerToken = true };
        var jurisdictions = new Option<string[]>("--jurisdiction") { Description = "Only hazards in these GB/T 2260 divisions or within them (340000 matches 340102).", AllowMultipleArgumentsPerToken = true };
        var history = new Option<bool>("--history") { Description = "Every revision, not only each hazard's latest." };
        var types = new Option<string[]>("--type") { Description = "Only hazards of these types (bridge, gas-pipeline ...).", AllowMultipleArgumentsPerToken = true };
        var connection = new HubConnection();
        var command = new Command("query", "List the hazards you may see, one line each: owner/id, revision, type, domain, risk grade, jurisdiction, name.") { owners, jurisdictions, types, history };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => WithClientAsync(connection, parse, console, async client =>
        {
            var query = new HazardQuery
            {
                IncludeHistory = parse.GetValue(history),
                Filter = new HazardFilter { Owners = PublishCommand.Split(parse.GetValue(owners)), Jurisdictions = PublishCommand.Split(parse.GetValue(jurisdictions)), Types = PublishCommand.Split(parse.GetValue(types)) },
            };
            var count = 0;
            await foreach (var message in client.Hazards.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                var hazard = message.Hazard;
                await console.Out.WriteLineAsync($"{hazard.Owner}/{hazard.Id}\trevision {hazard.Revision}\t{hazard.Type}\t{hazard.Domain}\t{hazard.RiskGrade}\t{hazard.Jurisdiction}\t{hazard.Name.Get("zh")}").ConfigureAwait(false);
                count++;
            }

            await console.Error.WriteLineAsync($"{count} hazard(s)").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Status(CliConsole console)
    {
        var key = new Argument<string>("hazard") { Description = "OWNER/ID, like hefei-lifeline/hf-bridge-0042." };
        var connection = new HubConnection();
        var command = new Command("status", "Print a hazard's status as the hub evaluates it: overall, per indicator, and the warning in force.") { key };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => WithClientAsync(connection, parse, console, async client =>
        {
            if (!TrySplit(parse.GetRequiredValue(key), out var owner, out var id))
            {
                await console.Error.WriteLineAsync($"cityrisk: '{parse.GetRequiredValue(key)}' is not OWNER/ID.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var status = await client.Hazards.GetStatusAsync(owner, id, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"{owner}/{id} revision {status.Revision}: {status.Level?.ToString() ?? "Normal"}"
                + (status.WarningId is null ? string.Empty : $" (warning {status.WarningSender}/{status.WarningId})")).ConfigureAwait(false);
            foreach (var indicator in status.Indicators)
            {
                await console.Out.WriteLineAsync($"  {indicator.IndicatorId}: {indicator.Level?.ToString() ?? "Normal"}{(indicator.Newest is { } newest ? $", newest reading {ObservationsCommand.Format(newest)}" : ", no reading yet")}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    internal static bool TrySplit(string key, out string owner, out string id)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        (owner, id) = slash > 0 && slash < key.Length - 1 ? (key[..slash], key[(slash + 1)..]) : (string.Empty, string.Empty);
        return owner.Length > 0 && !id.Contains('/', StringComparison.Ordinal);
    }

    /// <summary>Connects, runs, and turns what the hub refused into the exit codes every hub command shares.</summary>
    internal static async Task<int> WithClientAsync(HubConnection connection, ParseResult parse, CliConsole console, Func<CityRiskClient, Task<int>> run, CancellationToken cancellationToken)
    {
        var (client, error) = connection.Connect(parse, console);
        if (client is null)
        {
            await console.Error.WriteLineAsync($"cityrisk: {error}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (client)
        {
            try
            {
                return await run(client).ConfigureAwait(false);
            }
            catch (CityRiskException ex)
            {
                var exit = await HubConnection.ReportAsync(ex, console).ConfigureAwait(false);
                foreach (var problem in ex.Problems)
                {
                    await console.Error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
                }

                return exit;
            }
            catch (ArgumentException ex)
            {
                await console.Error.WriteLineAsync($"cityrisk: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Invalid;
            }
        }
    }
}
