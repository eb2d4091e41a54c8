using System.CommandLine;
using CityRisk.Cli.Commands;

namespace CityRisk.Cli;

/// <summary>The <c>cityrisk</c> command line: builds the commands and runs one.</summary>
internal static class CliApp
{
    public static RootCommand CreateRootCommand(CliConsole console) => new("cityrisk: the CityRisk tool for urban safety risk data. Validate and convert CAP 1.2 alerts and CityRisk JSON; serve an exchange hub; publish to and follow a hub; check an exchange with the conformance kit.")
    {
        ValidateCommand.Create(console),
        ConvertCommand.Create(console),
        ServeCommand.Create(console),
        PartnersCommand.Create(console),
        PublishCommand.Create(console),
        HazardsCommand.Create(console),
        IncidentsCommand.Create(console),
        ResourcesCommand.Create(console),
        EnterprisesCommand.Create(console),
        ObservationsCommand.Create(console),
        TailCommand.Create(console),
        ConformanceCommand.Create(console),
    };

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = CreateRootCommand(console);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"cityrisk: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'cityrisk --help' for usage.").ConfigureAwait(false);
            console.Flush();
            return ExitCodes.Usage;
        }

        var exitCode = await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        console.Flush();
        return exitCode;
    }
}
