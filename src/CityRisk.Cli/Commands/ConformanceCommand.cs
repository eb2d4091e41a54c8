using System.CommandLine;
using CityRisk.Testing;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk conformance</c>: runs the conformance kit against an endpoint and reports per check.</summary>
internal static class ConformanceCommand
{
    public static Command Create(CliConsole console)
    {
        var endpoint = new Option<string>("--endpoint") { Description = "The exchange to check: http://127.0.0.1:7180 or https://hub.example.cn:7443.", Required = true };
        var identities = new Option<string>("--identities") { Description = "The parties the checks act as (docs/conformance.md).", Required = true };
        var only = new Option<string[]>("--only") { Description = "Run only these capabilities (wire, publish, query, subscribe, scope) or check ids (PUB-002); comma-separated or repeated.", AllowMultipleArgumentsPerToken = true };
        var report = new Option<string?>("--report") { Description = "Write a markdown report here." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here." };
        var command = new Command("conformance", "Check an exchange against the CityRisk protocol with the conformance kit. Exit 0 when every check passes (skips allowed), 1 when any fails, 2 for usage errors or an endpoint that cannot be reached at all, 3 when none failed but some could not run because the transport kept failing (docs/conformance.md).")
        {
            endpoint, identities, only, report, junit,
        };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(
            parse.GetRequiredValue(endpoint), parse.GetRequiredValue(identities), PublishCommand.Split(parse.GetValue(only)), parse.GetValue(report), parse.GetValue(junit), console, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string endpointText, string identitiesPath, string[] only, string? reportPath, string? junitPath, CliConsole console, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            return await FailAsync(console, $"'{endpointText}' is not an http:// or https:// address such as http://127.0.0.1:7180.").ConfigureAwait(false);
        }

        ConformanceIdentities identities;
        try
        {
            identities = await ConformanceIdentities.LoadAsync(identitiesPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return await FailAsync(console, $"file not found: {identitiesPath}").ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            return await FailAsync(console, ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(console, $"cannot read {identitiesPath}: {ex.Message}").ConfigureAwait(false);
        }

        var (checks, unknown) = Select(only);
        if (unknown.Count > 0)
        {
            return await FailAsync(console, $"--only {string.Join(", ", unknown)}: no such capability or check (capabilities: {string.Join(", ", Enum.GetNames<ConformanceCapability>().Select(n => n.ToLowerInvariant()))}).").ConfigureAwait(false);
        }

        ConformanceContext context;
        try
        {
            context = new ConformanceContext(endpoint, identities);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return await FailAsync(console, $"the identities file's caCertificate '{identities.CaCertificatePath}' is not a readable certificate (PEM or DER): {ex.Message}").ConfigureAwait(false);
        }

        using var _ = context;
        // Reachable at all? Otherwise every check would fail for the same reason: say it once, as a connection error.
        if (await context.UnreachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            return await FailAsync(console, $"cannot reach {endpoint}: {unreachable}").ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync($"cityrisk conformance: {checks.Count} checks against {endpoint} (run {context.RunId})").ConfigureAwait(false);
        var done = 0;
        var progress = new Progress(result =>
        {
            done++;
            console.Out.WriteLine(ConformanceReport.Line(result));
            console.Out.Flush();
            console.Error.WriteLine($"  [{done}/{checks.Count}]");
        });
        var results = await ConformanceRunner.RunAsync(context, checks, progress, cancellationToken).ConfigureAwait(false);

        await console.Out.WriteLineAsync(ConformanceReport.Totals(results)).ConfigureAwait(false);
        if (reportPath is not null)
        {
            await File.WriteAllTextAsync(reportPath, ConformanceReport.Markdown(endpoint, results), cancellationToken).ConfigureAwait(false);
        }

        if (junitPath is not null)
        {
            await File.WriteAllTextAsync(junitPath, ConformanceReport.JUnit(endpoint, results), cancellationToken).ConfigureAwait(false);
        }

        console.Flush();
        // A broken rule outranks a flaky network: 1 whenever any check failed, 3 only when the rest could not run.
        return results.Any(r => r.Outcome == ConformanceOutcome.Failed) ? ExitCodes.Invalid
            : results.Any(r => r.Outcome == ConformanceOutcome.CouldNotRun) ? ExitCodes.Incomplete
            : ExitCodes.Success;
    }

    private static (List<ConformanceCheck> Checks, List<string> Unknown) Select(string[] only)
    {
        if (only.Length == 0)
        {
            return ([.. ConformanceSuite.All], []);
        }

        var unknown = new List<string>();
        var selected = new HashSet<ConformanceCheck>();
        foreach (var item in only)
        {
            if (Enum.TryParse<ConformanceCapability>(item, ignoreCase: true, out var capability))
            {
                selected.UnionWith(ConformanceSuite.Of(capability));
            }
            else if (ConformanceSuite.All.FirstOrDefault(c => string.Equals(c.Id, item, StringComparison.OrdinalIgnoreCase)) is { } check)
            {
                selected.Add(check);
            }
            else
            {
                unknown.Add(item);
            }
        }

        return ([.. ConformanceSuite.All.Where(selected.Contains)], unknown);
    }

    private static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"cityrisk: {message}").ConfigureAwait(false);
        console.Flush();
        return ExitCodes.Usage;
    }

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool and could reorder lines).</summary>
    private sealed class Progress(Action<ConformanceResult> report) : IProgress<ConformanceResult>
    {
        public void Report(ConformanceResult value) => report(value);
    }
}
