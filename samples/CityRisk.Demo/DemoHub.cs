using System.Net;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Demo;

/// <summary>
/// The embedded hub: the reference exchange as a vendor hosts it (AddCityRiskExchange, MapCityRiskExchange) on
/// 127.0.0.1, cleartext HTTP/2, with its SQLite store and partners file in a folder. It can restart on the same port.
/// </summary>
public sealed class DemoHub : IAsyncDisposable
{
    private readonly string _folder;
    private WebApplication? _app;
    private int _port;

    private DemoHub(string folder) => _folder = folder;

    /// <summary>The hub's address.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{_port}/");

    /// <summary>The SQLite file.</summary>
    public string StorePath => Path.Combine(_folder, "hub.db");

    /// <summary>The partner the hub publishes hazards' warnings as; the demo registers it.</summary>
    public const string MonitorPartner = "hefei-monitor";

    /// <summary>Writes the partners file (hashes only) and starts the hub on a free port.</summary>
    /// <param name="folder">Where the store and partners file live.</param>
    /// <param name="partners">The partners: id, roles, CAP sender, token.</param>
    /// <param name="jurisdictions">The GB/T 2260 divisions partners are responsible for (incidents there are theirs to verify and dispatch).</param>
    /// <param name="groups">The mutual-aid groups each partner belongs to (resource requests reach a group).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DemoHub> StartAsync(string folder, IEnumerable<(string Id, string[] Roles, string CapSender, string Token)> partners, IReadOnlyDictionary<string, string[]> jurisdictions, IReadOnlyDictionary<string, string[]> groups, CancellationToken cancellationToken)
    {
        var registry = new PartnerRegistry([.. partners.Select(p => new Partner
        {
            Id = PartyId.Parse(p.Id),
            Roles = p.Roles,
            CapSenders = [p.CapSender],
            Jurisdictions = jurisdictions.GetValueOrDefault(p.Id) ?? [],
            Groups = groups.GetValueOrDefault(p.Id) ?? [],
            Credentials = [new PartnerCredential { Id = "demo", Hash = PartnerTokens.Hash(p.Token) }],
        })]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "partners.json"), PartnersFile.Serialize(registry), cancellationToken);
        var hub = new DemoHub(folder);
        await hub.StartCoreAsync(cancellationToken);
        return hub;
    }

    /// <summary>Stops the hub (open subscriptions end with UNAVAILABLE) and starts it again on the same port and store.</summary>
    /// <param name="cancellationToken">Cancels the restart.</param>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        await StartCoreAsync(cancellationToken);
    }

    /// <summary>Stops the hub.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddCityRiskExchange(options =>
        {
            options.Store = $"sqlite:{StorePath}";
            options.PartnersFile = Path.Combine(_folder, "partners.json");
            // The hub publishes hazards' warnings as this partner (docs/hazards.md, "Warnings").
            options.MonitorPartner = MonitorPartner;
        });
        var app = builder.Build();
        app.MapCityRiskExchange();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _app = app;
    }
}
