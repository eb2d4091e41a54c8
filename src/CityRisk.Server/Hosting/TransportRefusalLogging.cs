using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CityRisk.Server.Hosting;

/// <summary>
/// Logs the gRPC calls refused before the exchange sees them (an oversized message, a malformed frame, an unknown
/// method) as security event 1004: Grpc.AspNetCore answers those itself, so the exchange's own refusal events
/// never fire for them. Added first in the pipeline by <c>AddCityRiskExchange</c>.
/// </summary>
internal sealed class TransportRefusalLogging(ExchangeHost host) : IStartupFilter
{
    /// <summary>The call-state key the exchange sets on every call it handles (it logs its own refusals).</summary>
    public const string HandledKey = "cityrisk.handled";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            await nextMiddleware(context).ConfigureAwait(false);
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true
                || context.Items.ContainsKey(HandledKey))
            {
                return;
            }

            // A trailers-only response carries grpc-status in its headers; a full one in its trailers.
            var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
            var status = trailers?["grpc-status"].ToString() is { Length: > 0 } fromTrailers ? fromTrailers : context.Response.Headers["grpc-status"].ToString();
            if (status is "8" or "12" or "13")
            {
                var message = trailers?["grpc-message"].ToString() is { Length: > 0 } inTrailers ? inTrailers : context.Response.Headers["grpc-message"].ToString();
                host.Security.TransportRefused(context.Request.Path, (Grpc.Core.StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
                    Uri.UnescapeDataString(message), $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}");
            }
        });
        next(app);
    };
}
