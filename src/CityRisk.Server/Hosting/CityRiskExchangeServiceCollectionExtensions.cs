using CityRisk.Server.Hosting;
using Grpc.AspNetCore.Server;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a CityRisk exchange hub with an ASP.NET Core host.</summary>
public static class CityRiskExchangeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the exchange: its options (validated when the host starts, with every error listed), the store and
    /// partners it opens on start, routing, the document codecs (<see cref="CityRisk.DocumentCodecs.Default"/> unless one is registered), and its telemetry (ActivitySource and Meter <c>CityRisk.Server</c>).
    /// Registers Grpc.AspNetCore (with the exchange's message size limit) and server reflection.
    /// Map its endpoints with <c>app.MapCityRiskExchange()</c>; serve HTTP/2 (Kestrel <c>HttpProtocols.Http2</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddCityRiskExchange(this IServiceCollection services, Action<CityRiskExchangeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CityRiskExchangeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CityRiskExchangeOptions>, CityRiskExchangeOptionsValidator>());
        services.AddRouting();
        services.AddGrpc();
        services.AddGrpcReflection();
        // The message size limit is the exchange's, both ways; handler exceptions never reach clients in detail.
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<CityRiskExchangeOptions>>((grpc, exchange) =>
        {
            grpc.MaxReceiveMessageSize = exchange.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = exchange.Value.MaxMessageBytes;
            grpc.EnableDetailedErrors = false;
        });
        // Connection limits (docs/operations.md, "Connections"). A stalled request body fails only its call, at its
        // deadline, instead of Kestrel's minimum data rate resetting the whole connection and every call on it.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<CityRiskExchangeOptions>>((kestrel, exchange) =>
        {
            var limits = exchange.Value.Connections ?? new CityRiskConnectionOptions();
            kestrel.Limits.KeepAliveTimeout = limits.IdleTimeout;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = limits.MaxConnections;
            kestrel.Limits.Http2.MaxStreamsPerConnection = limits.MaxStreamsPerConnection;
            kestrel.Limits.Http2.KeepAlivePingDelay = limits.KeepAlivePingDelay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = limits.KeepAlivePingTimeout;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.ConfigureHttpsDefaults(https => https.HandshakeTimeout = limits.TlsHandshakeTimeout);
            // Every endpoint configured after this (call AddCityRiskExchange before ConfigureKestrel) remembers its
            // connections' peers, for security event 1005.
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(ConnectionRefusalLogging.TrackPeers));
        });
        // Connections refused below HTTP/2 (security event 1005): Kestrel's debug events for them, to this provider only.
        services.AddLogging(logging => Microsoft.Extensions.Logging.FilterLoggingBuilderExtensions.AddFilter<ConnectionRefusalLogging>(logging, ConnectionRefusalLogging.KestrelCategory, Microsoft.Extensions.Logging.LogLevel.Debug));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Logging.ILoggerProvider, ConnectionRefusalLogging>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TransportRefusalLogging>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CityRisk.DocumentCodecs.Default);
        services.TryAddSingleton<ExchangeHost>();
        services.TryAddSingleton<ExchangeGrpcService>();
        services.TryAddSingleton<HealthServiceImpl>(provider => provider.GetRequiredService<ExchangeHost>().Health);
        services.AddHostedService(provider => provider.GetRequiredService<ExchangeHost>());
        return services;
    }

    private sealed class CityRiskExchangeOptionsValidator : IValidateOptions<CityRiskExchangeOptions>
    {
        public ValidateOptionsResult Validate(string? name, CityRiskExchangeOptions options)
        {
            var errors = options.Errors().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
