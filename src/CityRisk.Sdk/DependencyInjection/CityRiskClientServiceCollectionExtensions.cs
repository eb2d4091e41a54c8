using CityRisk.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers CityRisk clients: <c>services.AddCityRiskClient(configuration.GetSection("CityRisk"))</c>.</summary>
public static class CityRiskClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default client, bound from a configuration section (<c>Endpoint</c>, <c>PartnerId</c>,
    /// <c>Token</c>, and any <see cref="CityRiskClientOptions"/> setting), injectable as <see cref="CityRiskClient"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section.</param>
    public static IServiceCollection AddCityRiskClient(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCityRiskClient(Options.Options.DefaultName, configuration);

    /// <summary>Registers the default client, configured in code, injectable as <see cref="CityRiskClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets <c>Endpoint</c>, <c>PartnerId</c>, <c>Token</c> and any other option.</param>
    public static IServiceCollection AddCityRiskClient(this IServiceCollection services, Action<CityRiskClientSettings> configure) =>
        services.AddCityRiskClient(Options.Options.DefaultName, configure);

    /// <summary>Registers a named client bound from a configuration section, for <see cref="ICityRiskClientFactory.CreateClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name (one per hub: <c>"pudong"</c>, <c>"macau"</c>).</param>
    /// <param name="configuration">The section.</param>
    public static IServiceCollection AddCityRiskClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services, name).AddOptions<CityRiskClientSettings>(name).Bind(configuration);
        return services;
    }

    /// <summary>Registers a named client configured in code, for <see cref="ICityRiskClientFactory.CreateClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets <c>Endpoint</c>, <c>PartnerId</c>, <c>Token</c> and any other option.</param>
    public static IServiceCollection AddCityRiskClient(this IServiceCollection services, string name, Action<CityRiskClientSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services, name).AddOptions<CityRiskClientSettings>(name).Configure(configure);
        return services;
    }

    private static IServiceCollection AddCore(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        var names = services.FirstOrDefault(d => d.ServiceType == typeof(CityRiskClientNames))?.ImplementationInstance as CityRiskClientNames;
        if (names is null)
        {
            names = new CityRiskClientNames();
            services.AddSingleton(names);
            services.AddOptions();
            services.AddSingleton<IValidateOptions<CityRiskClientSettings>, CityRiskClientSettingsValidation>();
            services.TryAddSingleton<ICityRiskClientFactory, CityRiskClientFactory>();
        }

        if (names.Contains(name))
        {
            throw new ArgumentException($"A CityRisk client named '{(name.Length == 0 ? "(default)" : name)}' is already registered.", nameof(name));
        }

        names.Add(name);
        if (name.Length == 0)
        {
            services.TryAddSingleton(provider => provider.GetRequiredService<ICityRiskClientFactory>().CreateClient(Options.Options.DefaultName));
        }

        return services;
    }
}
