using CityRisk.Server.Partners;

namespace CityRisk.Server.Hosting;

/// <summary>Settings of an exchange hub; validated once at start-up, with every error listed.</summary>
public sealed class CityRiskExchangeOptions
{
    /// <summary>
    /// Where messages are stored: <c>sqlite:PATH</c> (the durable default; the folder must exist) or <c>memory</c>
    /// (nothing survives a restart; for tests and demos). Default <c>sqlite:cityrisk-hub.db</c>.
    /// </summary>
    public string Store { get; set; } = "sqlite:cityrisk-hub.db";

    /// <summary>The partners file (docs/operations.md). Either this or <see cref="Partners"/> is required.</summary>
    public string? PartnersFile { get; set; }

    /// <summary>The partners, for hosts that keep them elsewhere than a file; takes precedence over <see cref="PartnersFile"/>.</summary>
    public PartnerRegistry? Partners { get; set; }

    /// <summary>
    /// A JSON file of GB/T 2260 shapes (<c>{"shapes": {"440600": {"bbox": [w, s, e, n]}}}</c>, or <c>"polygon"</c>)
    /// that adds to or replaces the coarse built-in table used to match geocode-only areas. Optional.
    /// </summary>
    public string? GeocodeTableFile { get; set; }

    /// <summary>The largest message accepted or sent, in bytes. Default 4 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many of the newest messages live subscriptions share in memory. Default 10,000.</summary>
    public int RecentMessageCapacity { get; set; } = 10_000;

    /// <summary>
    /// How many messages a live subscriber may fall behind the log before its stream ends with RESOURCE_EXHAUSTED
    /// and its resume cursor. Default 10,000; at most <see cref="RecentMessageCapacity"/>.
    /// </summary>
    public int MaxSubscriberLag { get; set; } = 10_000;

    /// <summary>
    /// How long messages are kept; older ones are pruned hourly (docs/operations.md says what pruning means).
    /// Null, the default, keeps everything.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>
    /// Whether the hub serves gRPC server reflection (grpc.reflection.v1 and v1alpha), so grpcurl, Postman and other
    /// tools discover its services without the .proto. Default true; it reveals only the service definitions, which
    /// are public anyway.
    /// </summary>
    public bool EnableReflection { get; set; } = true;

    /// <summary>
    /// The partner the hub publishes hazards' warnings as (docs/hazards.md, "Warnings"): a partner in the partners file
    /// with at least one CAP sender, the first of which signs the warnings' CAP <c>sender</c>. Null, the default,
    /// records and evaluates observations without publishing warnings (the hub logs that at start).
    /// </summary>
    public string? MonitorPartner { get; set; }

    /// <summary>
    /// How long observations are kept, by observed-at; older ones are pruned hourly. Hazards' evaluations are kept
    /// regardless. Default 30 days; null keeps every observation.
    /// </summary>
    public TimeSpan? ObservationRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The limits on connections: idle and handshake timeouts, keep-alive pings, how many connections and streams.</summary>
    public CityRiskConnectionOptions Connections { get; set; } = new();

    internal IEnumerable<string> Errors()
    {
        if (!(Store == "memory" || (Store.StartsWith("sqlite:", StringComparison.Ordinal) && Store.Length > "sqlite:".Length)))
        {
            yield return $"Store '{Store}' is not 'sqlite:PATH' or 'memory'.";
        }

        if (Partners is null && string.IsNullOrWhiteSpace(PartnersFile))
        {
            yield return "No partners: set PartnersFile (or Partners); every call is authenticated.";
        }

        if (MaxMessageBytes is < 1024 or > 64 * 1024 * 1024)
        {
            yield return $"MaxMessageBytes {MaxMessageBytes} is outside 1 KiB to 64 MiB.";
        }

        if (RecentMessageCapacity < 16)
        {
            yield return $"RecentMessageCapacity {RecentMessageCapacity} is below 16.";
        }

        if (MaxSubscriberLag < 1 || MaxSubscriberLag > RecentMessageCapacity)
        {
            yield return $"MaxSubscriberLag {MaxSubscriberLag} must be between 1 and RecentMessageCapacity ({RecentMessageCapacity}).";
        }

        foreach (var error in (Connections ?? new()).Errors())
        {
            yield return error;
        }

        if (ObservationRetention is { } keep && keep < TimeSpan.FromHours(1))
        {
            yield return $"ObservationRetention {keep} is under an hour.";
        }

        if (Retention is { } retention && retention < TimeSpan.FromHours(1))
        {
            yield return $"Retention {retention} is under an hour; keep messages at least as long as subscribers may be away.";
        }
    }
}
