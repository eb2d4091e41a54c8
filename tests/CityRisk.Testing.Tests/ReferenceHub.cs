using CityRisk.Sdk.Tests;

namespace CityRisk.Testing.Tests;

/// <summary>
/// The reference hub (hosting kit, SQLite store) on 127.0.0.1 with the kit's parties registered (the jurisdiction responsible for 410204, the mutual-aid group conf-gba) and a small
/// lag limit, and the identities file that describes them. It is the SDK tests' <see cref="TestExchange"/> with the
/// conformance kit's partners.
/// </summary>
internal sealed class ReferenceHub : IAsyncDisposable
{
    public const int LagLimit = 64;

    private static readonly (string Name, string Id, string Role)[] Parties =
    [
        ("city-a", "conf-city-a", "city"),
        ("city-b", "conf-city-b", "city"),
        ("lifeline-operator", "conf-gas", "lifeline-operator"),
        ("outsider", "conf-outsider", "vendor"),
        ("jurisdiction", "conf-district", "city"),
        ("regulator", "conf-regulator", "regulator"),
        ("insurer", "conf-insurer", "insurer"),
    ];

    /// <summary>The mutual-aid group of the two cities and the lifeline operator (not the outsider).</summary>
    public const string Group = "conf-gba";

    /// <summary>The division the jurisdiction party is responsible for (Gulou district, Kaifeng).</summary>
    public const string Division = "410204";

    private readonly TestExchange _exchange;

    private ReferenceHub(TestExchange exchange)
    {
        _exchange = exchange;
        ConformanceParty Party(string name)
        {
            var (_, id, role) = Parties.Single(p => p.Name == name);
            return new() { PartnerId = id, Token = exchange.Token(id), CapSender = SampleAlerts.CapSender(id), Role = role };
        }

        Identities = new ConformanceIdentities
        {
            CityA = Party("city-a"),
            CityB = Party("city-b"),
            LifelineOperator = Party("lifeline-operator"),
            Outsider = Party("outsider"),
            Jurisdiction = Party("jurisdiction") with { Division = Division },
            MaxSubscriberLag = LagLimit,
            MutualAidGroup = Group,
            Regulator = Party("regulator"),
            Insurer = Party("insurer"),
        };
    }

    public Uri Endpoint => _exchange.Endpoint;

    public ConformanceIdentities Identities { get; }

    public string Folder => _exchange.Folder;

    /// <summary>The partner the hub publishes hazards' warnings as; not a party of the kit.</summary>
    public const string MonitorPartner = "conf-monitor";

    public static async Task<ReferenceHub> StartAsync() => new(await TestExchange.StartAsync(
        o =>
        {
            o.RecentMessageCapacity = 1024;
            o.MaxSubscriberLag = LagLimit;
            o.MonitorPartner = MonitorPartner;
        },
        partnerSpecs: [.. Parties.Select(p => (p.Id, new[] { p.Role })), (MonitorPartner, ["hub"])],
        jurisdictions: new Dictionary<string, string[]> { ["conf-district"] = [Division] },
        groups: new Dictionary<string, string[]> { ["conf-city-a"] = [Group], ["conf-city-b"] = [Group], ["conf-gas"] = [Group] }));

    /// <summary>The identities file a CLI user would write for this hub.</summary>
    public async Task<string> WriteIdentitiesFileAsync()
    {
        var path = Path.Combine(Folder, "identities.json");
        static object Party(ConformanceParty p) => new { partnerId = p.PartnerId, token = p.Token, capSender = p.CapSender, role = p.Role, division = p.Division };
        var file = new
        {
            parties = new Dictionary<string, object>
            {
                ["city-a"] = Party(Identities.CityA),
                ["city-b"] = Party(Identities.CityB),
                ["lifeline-operator"] = Party(Identities.LifelineOperator),
                ["outsider"] = Party(Identities.Outsider),
                ["jurisdiction"] = Party(Identities.Jurisdiction!),
                ["regulator"] = Party(Identities.Regulator!),
                ["insurer"] = Party(Identities.Insurer!),
            },
            limits = new { maxSubscriberLag = LagLimit },
            mutualAidGroup = Group,
        };
        await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(file), TestContext.Current.CancellationToken);
        return path;
    }

    public ValueTask DisposeAsync() => _exchange.DisposeAsync();
}
