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

namespace CityRisk.Testing.Tests;

/// <summary>
/// The reference hub (hosting kit, SQLite store) on 127.0.0.1 with the four parties of the kit registered, and the
/// identities file that describes them. The map hook can put a deliberately broken exchange in front.
/// </summary>
internal sealed class ReferenceHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private ReferenceHub(WebApplication app, string folder, Uri endpoint, ConformanceIdentities identities, PartnerRegistry partners)
    {
        _app = app;
        _folder = folder;
        Endpoint = endpoint;
        Identities = identities;
        Partners = partners;
    }

    public Uri Endpoint { get; }

    public ConformanceIdentities Identities { get; }

    public PartnerRegistry Partners { get; }

    public string Folder => _folder;

    public const int LagLimit = 64;

    public static async Task<ReferenceHub> StartAsync(Action<WebApplication>? map = null)
    {
        var folder = Directory.CreateTempSubdirectory("cityrisk-conformance-").FullName;
        var parties = new Dictionary<string, (string Id, string Role)>
        {
            ["city-a"] = ("conf-city-a", "city"),
            ["city-b"] = ("conf-city-b", "city"),
            ["lifeline-operator"] = ("conf-gas", "lifeline-operator"),
            ["outsider"] = ("conf-outsider", "vendor"),
        };
        var tokens = parties.ToDictionary(p => p.Key, _ => PartnerTokens.Generate());
        var registry = new PartnerRegistry([.. parties.Select(p => new Partner
        {
            Id = PartyId.Parse(p.Value.Id),
            Roles = [p.Value.Role],
            CapSenders = [$"alerts@{p.Value.Id}.example.cn"],
            Credentials = [new PartnerCredential { Id = "kit", Hash = PartnerTokens.Hash(tokens[p.Key]) }],
        })]);
        ConformanceParty Party(string name) => new() { PartnerId = parties[name].Id, Token = tokens[name], CapSender = $"alerts@{parties[name].Id}.example.cn", Role = parties[name].Role };
        var identities = new ConformanceIdentities
        {
            CityA = Party("city-a"),
            CityB = Party("city-b"),
            LifelineOperator = Party("lifeline-operator"),
            Outsider = Party("outsider"),
            MaxSubscriberLag = LagLimit,
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddCityRiskExchange(o =>
        {
            o.Store = $"sqlite:{Path.Combine(folder, "hub.db")}";
            o.Partners = registry;
            o.RecentMessageCapacity = 1024;
            o.MaxSubscriberLag = LagLimit;
        });
        var app = builder.Build();
        if (map is null)
        {
            app.MapCityRiskExchange();
        }
        else
        {
            map(app);
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new ReferenceHub(app, folder, endpoint, identities, registry);
    }

    /// <summary>The identities file a CLI user would write for this hub.</summary>
    public async Task<string> WriteIdentitiesFileAsync()
    {
        var path = Path.Combine(_folder, "identities.json");
        static object Party(ConformanceParty p) => new { partnerId = p.PartnerId, token = p.Token, capSender = p.CapSender, role = p.Role };
        var file = new
        {
            parties = new Dictionary<string, object>
            {
                ["city-a"] = Party(Identities.CityA),
                ["city-b"] = Party(Identities.CityB),
                ["lifeline-operator"] = Party(Identities.LifelineOperator),
                ["outsider"] = Party(Identities.Outsider),
            },
            limits = new { maxSubscriberLag = LagLimit },
        };
        await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(file), TestContext.Current.CancellationToken);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
