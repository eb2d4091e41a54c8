using System.CommandLine;
using CityRisk.Client;
using Microsoft.Extensions.Logging;
using Grpc.Core;

namespace CityRisk.Cli.Commands;

/// <summary>
/// The options every command that talks to a hub shares (<c>--endpoint</c>, <c>--partner</c>, <c>--token</c>,
/// <c>--ca-cert</c>), with CITYRISK_ENDPOINT, CITYRISK_PARTNER and CITYRISK_TOKEN as fallbacks so a token need not
/// appear on the command line (where other users of the machine can read it).
/// </summary>
internal sealed class HubConnection
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "The hub: http://127.0.0.1:7180 (cleartext, loopback) or https://hub.example.cn:7443. Default: $CITYRISK_ENDPOINT." };

    public Option<string?> Partner { get; } = new("--partner") { Description = "Your partner id at the hub (foshan-em). Default: $CITYRISK_PARTNER." };

    public Option<string?> Token { get; } = new("--token") { Description = "Your bearer token. Default: $CITYRISK_TOKEN (prefer it: command lines are visible to other users)." };

    public Option<string?> CaCertificate { get; } = new("--ca-cert") { Description = "A CA certificate (PEM) to trust for an https:// hub, instead of the system store." };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Partner);
        command.Options.Add(Token);
        command.Options.Add(CaCertificate);
    }

    /// <summary>The client, or why the options cannot make one (a usage error).</summary>
    public (CityRiskClient? Client, string? Error) Connect(ParseResult parse, CliConsole console, Action<CityRiskClientOptions>? configure = null)
    {
        var endpointText = parse.GetValue(Endpoint) ?? Environment.GetEnvironmentVariable("CITYRISK_ENDPOINT");
        var partner = parse.GetValue(Partner) ?? Environment.GetEnvironmentVariable("CITYRISK_PARTNER");
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("CITYRISK_TOKEN");
        if (endpointText is null || partner is null || token is null)
        {
            var missing = new[] { (endpointText, "--endpoint"), (partner, "--partner"), (token, "--token") }.Where(m => m.Item1 is null).Select(m => m.Item2);
            return (null, $"say which hub and who you are: {string.Join(", ", missing)} (or CITYRISK_ENDPOINT, CITYRISK_PARTNER, CITYRISK_TOKEN).");
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            return (null, $"'{endpointText}' is not an http:// or https:// address such as http://127.0.0.1:7180.");
        }

        var caPath = parse.GetValue(CaCertificate);
        if (caPath is not null && !File.Exists(caPath))
        {
            return (null, $"file not found: {caPath}");
        }

        try
        {
            var options = new CityRiskClientOptions
            {
                CaCertificatePath = caPath,
                LoggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new ErrorLoggerProvider(console.Error))),
            };
            configure?.Invoke(options);
            return (new CityRiskClient(endpoint, new CityRiskCredential(partner, token), options), null);
        }
        catch (ArgumentException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The exit code and message for a failure the hub returned: refused credentials and unreachable hubs are 2, refused messages 1.</summary>
    public static async Task<int> ReportAsync(CityRiskException ex, CliConsole console)
    {
        var usage = ex.StatusCode is StatusCode.Unauthenticated or StatusCode.Unavailable or StatusCode.Unimplemented or StatusCode.OutOfRange;
        var hint = ex.StatusCode switch
        {
            StatusCode.Unauthenticated => " (check --partner and --token)",
            StatusCode.Unavailable => " (check --endpoint; is the hub running?)",
            _ => string.Empty,
        };
        await console.Error.WriteLineAsync($"cityrisk: {ex.Message}{hint}").ConfigureAwait(false);
        return usage ? ExitCodes.Usage : ExitCodes.Invalid;
    }

    /// <summary>The SDK's warnings (reconnections, retries) on standard error, one line each.</summary>
    private sealed class ErrorLoggerProvider(TextWriter error) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (error)
                {
                    error.WriteLine($"cityrisk: {formatter(state, exception)}");
                    error.Flush();
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
