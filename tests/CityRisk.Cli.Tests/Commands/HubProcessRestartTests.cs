using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Sdk.Tests;
using CityRisk.Server.Partners;

namespace CityRisk.Cli.Tests.Commands;

/// <summary>
/// A subscription across a hub process that is killed (no graceful shutdown) and started again on the same SQLite
/// file and port: the client reconnects and the application sees every message once, in order.
/// </summary>
public sealed class HubProcessRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-crash-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_subscription_survives_the_hub_process_being_killed_and_restarted()
    {
        var tokens = new Dictionary<string, string> { ["foshan-em"] = PartnerTokens.Generate(), ["macau-smg"] = PartnerTokens.Generate() };
        var partners = Path.Combine(_folder, "partners.json");
        await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. tokens.Select(t => new Partner
        {
            Id = PartyId.Parse(t.Key),
            Roles = ["city"],
            CapSenders = [SampleAlerts.CapSender(t.Key)],
            Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(t.Value) }],
        })])), Cancel);
        var port = FreePort();
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        string[] serve = ["serve", "--partners", partners, "--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--urls", endpoint.ToString().TrimEnd('/')];

        var hub = await StartAsync(serve);
        try
        {
            var options = new CityRiskClientOptions();
            options.Reconnect.Delay = TimeSpan.FromMilliseconds(50);
            options.Reconnect.MaxDelay = TimeSpan.FromMilliseconds(300);
            using var foshan = new CityRiskClient(endpoint, new CityRiskCredential("foshan-em", tokens["foshan-em"]), options);
            using var macau = new CityRiskClient(endpoint, new CityRiskCredential("macau-smg", tokens["macau-smg"]), options);
            await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon("before-crash-0"), cancellationToken: Cancel);
            await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon("before-crash-1"), cancellationToken: Cancel);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var received = new List<AlertMessage>();
            await foreach (var message in macau.Alerts.SubscribeAsync(new AlertSubscribeOptions { Start = SubscriptionStart.FromBeginning }, timeout.Token))
            {
                received.Add(message);
                if (received.Count == 1)
                {
                    // Killed, not stopped: no trailers, no goodbye; the stream just breaks.
                    hub.Kill(entireProcessTree: true);
                    await hub.WaitForExitAsync(Cancel);
                    hub.Dispose();
                    hub = await StartAsync(serve);
                    await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon("after-crash-0"), cancellationToken: Cancel);
                }

                if (received.Count == 3)
                {
                    break;
                }
            }

            Assert.Equal(["before-crash-0", "before-crash-1", "after-crash-0"], received.Select(m => m.Id));
            Assert.Equal([1L, 2L, 3L], received.Select(m => m.Cursor));
        }
        finally
        {
            if (!hub.HasExited)
            {
                hub.Kill(entireProcessTree: true);
                await hub.WaitForExitAsync(CancellationToken.None);
            }

            hub.Dispose();
        }
    }

    internal static async Task<Process> StartAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cityrisk.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("cityrisk hub listening on ", StringComparison.Ordinal))
            {
                // Keep draining so the hub never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return process;
            }
        }

        throw new InvalidOperationException($"cityrisk serve did not start (exit {(process.HasExited ? process.ExitCode : -1)}).");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
