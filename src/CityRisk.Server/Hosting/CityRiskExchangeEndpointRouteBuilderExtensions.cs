using CityRisk.Server.Hosting;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a CityRisk exchange hub's gRPC endpoints.</summary>
public static class CityRiskExchangeEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>cityrisk.v1.Exchange</c> (Publish, PublishBatch, Get, Query, Subscribe), <c>grpc.health.v1.Health</c>
    /// and, unless <see cref="CityRiskExchangeOptions.EnableReflection"/> is false, gRPC server reflection. Other gRPC
    /// methods are answered UNIMPLEMENTED. Requires <c>services.AddCityRiskExchange()</c>.
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <returns>The endpoints, for chaining.</returns>
    public static IEndpointRouteBuilder MapCityRiskExchange(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<ExchangeHost>() is null)
        {
            throw new InvalidOperationException("Call services.AddCityRiskExchange() before app.MapCityRiskExchange().");
        }

        endpoints.MapGrpcService<ExchangeGrpcService>();
        endpoints.MapGrpcService<HealthServiceImpl>();
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<CityRiskExchangeOptions>>().Value.EnableReflection)
        {
            endpoints.MapGrpcReflectionService();
        }

        return endpoints;
    }
}
