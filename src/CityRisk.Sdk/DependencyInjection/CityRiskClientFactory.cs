using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityRisk.Client;

/// <summary>Creates each named client once, from its validated options, and disposes them with the container.</summary>
internal sealed class CityRiskClientFactory(IOptionsMonitor<CityRiskClientSettings> options, CityRiskClientNames names, ILoggerFactory? loggerFactory = null)
    : ICityRiskClientFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<CityRiskClient>> _clients = new(StringComparer.Ordinal);

    public CityRiskClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!names.Contains(name))
        {
            throw new InvalidOperationException($"No CityRisk client is registered as '{name}'; registered: {string.Join(", ", names.All.Select(n => n.Length == 0 ? "(default)" : n))}.");
        }

        return _clients.GetOrAdd(name, n => new Lazy<CityRiskClient>(() => Create(n))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private CityRiskClient Create(string name)
    {
        var settings = options.Get(name); // validated by CityRiskClientSettingsValidation, every error listed
        settings.LoggerFactory ??= loggerFactory;
        return new CityRiskClient(settings.Endpoint!, new CityRiskCredential(settings.PartnerId!, settings.Token!), settings);
    }
}
