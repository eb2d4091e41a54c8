using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using CityRisk.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityRisk.Cli.Commands;

/// <summary><c>cityrisk serve</c>: runs an exchange hub until interrupted.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen, ';'-separated: http://127.0.0.1:7180 (cleartext HTTP/2) or https://0.0.0.0:7443 (with --tls-cert and --tls-key). Port 0 picks a free port.", DefaultValueFactory = _ => "http://127.0.0.1:7180" };
        var store = new Option<string>("--store") { Description = "sqlite:PATH (durable; the folder must exist) or memory.", DefaultValueFactory = _ => "sqlite:cityrisk-hub.db" };
        var partners = new Option<string>("--partners") { Description = "The partners file (docs/operations.md).", Required = true };
        var certificate = new Option<string?>("--tls-cert") { Description = "The server certificate (PEM) for https:// URLs." };
        var key = new Option<string?>("--tls-key") { Description = "The certificate's private key (PEM)." };
        var allowCleartext = new Option<bool>("--allow-cleartext") { Description = "Allow http:// on addresses other than loopback (behind a TLS-terminating proxy only)." };
        var retention = new Option<int?>("--retention-days") { Description = "Keep messages this many days (default: keep everything)." };
        var geocodes = new Option<string?>("--geocodes") { Description = "A JSON file of GB/T 2260 shapes adding to the built-in coarse table (docs/operations.md)." };

        var defaults = new CityRiskConnectionOptions();
        var idleTimeout = new Option<int>("--idle-timeout") { Description = $"Seconds a connection may stay without a call, or take to send the HTTP/2 preface, before it is closed (default {defaults.IdleTimeout.TotalSeconds}).", DefaultValueFactory = _ => (int)defaults.IdleTimeout.TotalSeconds };
        var maxConnections = new Option<long>("--max-connections") { Description = $"The most connections open at once (default {defaults.MaxConnections}).", DefaultValueFactory = _ => defaults.MaxConnections };
        var logFormat = new Option<string>("--log-format") { Description = "text (one line an event) or json (one JSON object an event, for a SIEM).", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var exchangeDefaults = new CityRiskExchangeOptions();
        var maxLag = new Option<int>("--max-subscriber-lag") { Description = $"How many messages a live subscriber may fall behind before its stream ends with RESOURCE_EXHAUSTED and a resume cursor (default {exchangeDefaults.MaxSubscriberLag}; at most {exchangeDefaults.RecentMessageCapacity}). Small values let the conformance kit run SUB-007.", DefaultValueFactory = _ => exchangeDefaults.MaxSubscriberLag };
        var maxStreams = new Option<int>("--max-streams") { Description = $"The most calls at once on one connection (default {defaults.MaxStreamsPerConnection}).", DefaultValueFactory = _ => defaults.MaxStreamsPerConnection };

        var monitor = new Option<string?>("--monitor-partner") { Description = "The partner (in the partners file, with a CAP sender) the hub publishes hazards' warnings as (docs/hazards.md). Without it, observations are evaluated but no warnings are published." };
        var observationDays = new Option<int?>("--observation-retention-days") { Description = $"Keep observations this many days by observed-at (default {exchangeDefaults.ObservationRetention!.Value.TotalDays}); 0 keeps them all." };

        var command = new Command("serve", "Run a CityRisk exchange hub (gRPC over HTTP/2) until Ctrl+C.")
        {
            urls, store, partners, certificate, key, allowCleartext, retention, geocodes, idleTimeout, maxConnections, maxStreams, maxLag, monitor, observationDays, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) => await RunAsync(
            parse.GetRequiredValue(urls), parse.GetRequiredValue(store), parse.GetRequiredValue(partners), parse.GetValue(certificate), parse.GetValue(key),
            parse.GetValue(allowCleartext), parse.GetValue(retention), parse.GetValue(geocodes),
            new CityRiskConnectionOptions { IdleTimeout = TimeSpan.FromSeconds(parse.GetValue(idleTimeout)), MaxConnections = parse.GetValue(maxConnections), MaxStreamsPerConnection = parse.GetValue(maxStreams) },
            parse.GetValue(maxLag), parse.GetRequiredValue(logFormat) == "json",
            options =>
            {
                options.MonitorPartner = parse.GetValue(monitor);
                if (parse.GetValue(observationDays) is { } days)
                {
                    options.ObservationRetention = days == 0 ? null : TimeSpan.FromDays(days);
                }
            },
            console, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string urls, string store, string partners, string? certificatePath, string? keyPath, bool allowCleartext, int? retentionDays, string? geocodes, CityRiskConnectionOptions connections, int maxSubscriberLag, bool jsonLogs, Action<CityRiskExchangeOptions> configure, CliConsole console, CancellationToken cancellationToken)
    {
        var endpoints = new List<Uri>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
            {
                return await FailAsync(console, $"'{text}' is not an http:// or https:// address such as http://127.0.0.1:7180.").ConfigureAwait(false);
            }

            if (url.Scheme == "http" && !url.IsLoopback && !allowCleartext)
            {
                return await FailAsync(console, $"{text} is cleartext on a non-loopback address: use https:// with --tls-cert and --tls-key, or --allow-cleartext behind a TLS-terminating proxy.").ConfigureAwait(false);
            }

            if (url.Scheme == "https" && (certificatePath is null || keyPath is null))
            {
                return await FailAsync(console, $"{text} needs --tls-cert and --tls-key (PEM files).").ConfigureAwait(false);
            }

            endpoints.Add(url);
        }

        X509Certificate2? certificate = null;
        if (endpoints.Any(e => e.Scheme == "https"))
        {
            try
            {
                certificate = X509Certificate2.CreateFromPemFile(certificatePath!, keyPath);
            }
            catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
            {
                return await FailAsync(console, $"Cannot load the TLS certificate '{certificatePath}' with key '{keyPath}': {ex.Message}").ConfigureAwait(false);
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (jsonLogs)
        {
            // One JSON object an event, with its id, category and fields: what a SIEM ingests.
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        // A failed start is reported once, below, as a clear message; the host's own log of it adds only a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        // Per-request logs would cost more than the requests; the hub's own logs and metrics say what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The exchange first: its Kestrel limits and TLS defaults must be set before the endpoints are.
        builder.Services.AddCityRiskExchange(options =>
        {
            options.Store = store;
            options.PartnersFile = partners;
            options.Retention = retentionDays is { } days ? TimeSpan.FromDays(days) : null;
            options.GeocodeTableFile = geocodes;
            options.Connections = connections;
            options.MaxSubscriberLag = maxSubscriberLag;
            configure(options);
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(Address(endpoint), endpoint.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    if (endpoint.Scheme == "https")
                    {
                        listen.UseHttps(certificate!);
                    }
                });
            }
        });
        await using var app = builder.Build();
        app.MapCityRiskExchange();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ExchangeStoreException or PartnersFileException or OptionsValidationException or InvalidOperationException)
        {
            return await FailAsync(console, ex.Message).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            return await FailAsync(console, $"Cannot listen on {urls}: {ex.Message}").ConfigureAwait(false);
        }

        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
        {
            await console.Out.WriteLineAsync($"cityrisk hub listening on {address}").ConfigureAwait(false);
        }

        console.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop gracefully.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await console.Out.WriteLineAsync("cityrisk hub stopped").ConfigureAwait(false);
        console.Flush();
        return ExitCodes.Success;
    }

    private static IPAddress Address(Uri url) => url.Host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "0.0.0.0" or "+" => IPAddress.Any,
        "[::]" => IPAddress.IPv6Any,
        _ => IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) ? address : IPAddress.Loopback,
    };

    private static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"cityrisk: {message}").ConfigureAwait(false);
        console.Flush();
        return ExitCodes.Usage;
    }
}
