using System.Diagnostics;
using System.Text;

namespace CityRisk.Cli.Tests;

/// <summary>Runs cityrisk in-process with captured output, or as a real process for what only a process shows.</summary>
internal static class CliRunner
{
    public static string Root => CityRisk.Testing.Shared.RepositoryRoot.Path;

    public static string CapVectors => Path.Combine(Root, "tests", "CityRisk.Abstractions.Tests", "Vectors", "cap");

    public static string Samples => Path.Combine(Root, "samples", "alerts");

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs in-process with <paramref name="input"/> as standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(byte[]? input, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        using var standardInput = new MemoryStream(input ?? []);
        var exitCode = await CliApp.RunAsync(args, new CliConsole(output, error, standardInput), TestContext.Current.CancellationToken);
        return (exitCode, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunProcessAsync(params string[] args) => RunProcessWithInputAsync(null, args);

    /// <summary>Runs as a real process, writing <paramref name="input"/> to its standard input through a pipe.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunProcessWithInputAsync(byte[]? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cityrisk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input, TestContext.Current.CancellationToken);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
