using System.Diagnostics;
using System.Text.Json;

namespace CityRisk.Server.Tests.Interop;

/// <summary>Runs the grpc-js peers in tests/js (installed by 'npm ci --prefix tests/js'; .ci/run does).</summary>
internal static class NodePeer
{
    public static string Folder { get; } = Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "tests", "js");

    public static void SkipIfMissing()
    {
        if (Environment.GetEnvironmentVariable("CITYRISK_REQUIRE_NODE") != "1")
        {
            Assert.SkipUnless(Directory.Exists(Path.Combine(Folder, "node_modules", "@grpc", "grpc-js")), "grpc-js is not installed: run 'npm ci --prefix tests/js' (.ci/run does).");
        }
    }

    /// <summary>Starts a script; the caller reads its output and disposes it (which kills it if still running).</summary>
    public static Process Start(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
    }

    /// <summary>Runs a script to its end (bounded) and returns its JSON lines by their "case".</summary>
    public static async Task<Dictionary<string, JsonElement>> RunCasesAsync(string script, params string[] args)
    {
        using var process = Start(script, args);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("case").GetString()!);
    }
}
