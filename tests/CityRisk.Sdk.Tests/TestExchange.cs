using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CityRisk.Client;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Sdk.Tests;

/// <summary>
/// The reference hub as a vendor hosts it (AddCityRiskExchange, MapCityRiskExchange) on 127.0.0.1 with a SQLite file,
/// on a port that stays the same across <see cref="RestartAsync"/>, so clients reconnect to the restarted hub.
/// </summary>
internal sealed class TestExchange : IAsyncDisposable
{
    public static readonly (string Id, string[] Roles)[] DefaultPartners =
    [
        ("foshan-em", ["city"]),
        ("macau-smg", ["city"]),
        ("shenzhen-gas", ["lifeline-operator"]),
        ("outsider", ["vendor"]),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-sdk-").FullName;
    private readonly Dictionary<string, string> _tokens = [];
    private readonly int _port = FreePort();
    private readonly Action<CityRiskExchangeOptions>? _configure;
    private readonly X509Certificate2? _certificate;
    private WebApplication? _app;

    private TestExchange(Action<CityRiskExchangeOptions>? configure, X509Certificate2? certificate) => (_configure, _certificate) = (configure, certificate);

    /// <summary>http://127.0.0.1:port/, or https:// when the hub was started with a certificate.</summary>
    public Uri Endpoint => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{_port}/");

    public string Folder => _folder;

    /// <summary>Starts a hub with these partners (default: two cities, a gas operator and an outsider), each with a token and the CAP sender alerts@id.example.cn.</summary>
    public static async Task<TestExchange> StartAsync(Action<CityRiskExchangeOptions>? configure = null, X509Certificate2? certificate = null, IEnumerable<(string Id, string[] Roles)>? partnerSpecs = null, IReadOnlyDictionary<string, string[]>? jurisdictions = null, IReadOnlyDictionary<string, string[]>? groups = null)
    {
        var exchange = new TestExchange(configure, certificate);
        var partners = new List<Partner>();
        foreach (var (id, roles) in partnerSpecs ?? DefaultPartners)
        {
            var token = PartnerTokens.Generate();
            exchange._tokens[id] = token;
            partners.Add(new Partner { Id = PartyId.Parse(id), Roles = roles, CapSenders = [SampleAlerts.CapSender(id)], Jurisdictions = jurisdictions?.GetValueOrDefault(id) ?? [], Groups = groups?.GetValueOrDefault(id) ?? [], Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(token) }] });
        }

        await File.WriteAllBytesAsync(Path.Combine(exchange._folder, "partners.json"), PartnersFile.Serialize(new PartnerRegistry(partners)), TestContext.Current.CancellationToken);
        await exchange.StartHubAsync();
        return exchange;
    }

    public CityRiskCredential Credential(string partner) => new(partner, _tokens[partner]);

    public CityRiskClient Client(string partner, Action<CityRiskClientOptions>? configure = null)
    {
        var options = new CityRiskClientOptions();
        options.Reconnect.Delay = TimeSpan.FromMilliseconds(50);
        options.Reconnect.MaxDelay = TimeSpan.FromMilliseconds(500);
        configure?.Invoke(options);
        return new CityRiskClient(Endpoint, Credential(partner), options);
    }

    public string Token(string partner) => _tokens[partner];

    /// <summary>Stops the hub (its connections close) and starts it again on the same port and store file.</summary>
    public async Task RestartAsync(Func<Task>? whileDown = null)
    {
        await StopAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }

        await StartHubAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current.CancellationToken);
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartHubAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate);
            }
        }));
        builder.Services.AddCityRiskExchange(options =>
        {
            options.Store = $"sqlite:{Path.Combine(_folder, "hub.db")}";
            options.PartnersFile = Path.Combine(_folder, "partners.json");
            _configure?.Invoke(options);
        });
        var app = builder.Build();
        app.MapCityRiskExchange();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
