using CityRisk.Server.Exchange;
using CityRisk.Server.Health;
using CityRisk.Server.Hosting;
using CityRisk.Server.Wire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a CityRisk exchange hub's gRPC endpoints.</summary>
public static class CityRiskExchangeEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>cityrisk.v1.Exchange</c> (Publish, PublishBatch, Get, Query, Subscribe), <c>grpc.health.v1.Health</c>
    /// and an UNIMPLEMENTED answer for other gRPC methods. Requires <c>services.AddCityRiskExchange()</c>.
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <returns>The endpoints, for chaining.</returns>
    public static IEndpointRouteBuilder MapCityRiskExchange(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var host = endpoints.ServiceProvider.GetService<ExchangeHost>()
            ?? throw new InvalidOperationException("Call services.AddCityRiskExchange() before app.MapCityRiskExchange().");
        var exchange = new GrpcServiceBuilder(endpoints, ExchangeService.ServiceName, host.WireOptions);
        ExchangeService.Map(exchange, () => host.Exchange);
        SubscriptionService.Map(exchange, () => host.Subscriptions);
        host.Health.Map(new GrpcServiceBuilder(endpoints, GrpcHealthService.ServiceName, host.WireOptions));
        GrpcServiceBuilder.MapUnimplementedFallback(endpoints);
        return endpoints;
    }
}
