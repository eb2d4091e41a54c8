using System.Net;
using CityRisk.Server.Health;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using CityRisk.Wire.V1;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Testing.Tests;

/// <summary>
/// An exchange that breaks exactly one rule: a gRPC proxy in front of the reference hub that passes every call
/// through and bends one behaviour. The kit is worth what it catches: each of these must fail at least one check.
/// </summary>
internal sealed class BrokenExchange : IAsyncDisposable
{
    private static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new("cityrisk.v1.Exchange", "Publish", PublishResponse.Parser);
    private static readonly GrpcMethod<GetRequest, GetResponse> Get = new("cityrisk.v1.Exchange", "Get", GetResponse.Parser);
    private static readonly GrpcMethod<QueryRequest, QueryResponse> Query = new("cityrisk.v1.Exchange", "Query", QueryResponse.Parser);
    private static readonly GrpcMethod<SubscribeRequest, Delivery> Subscribe = new("cityrisk.v1.Exchange", "Subscribe", Delivery.Parser);
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Health = new("grpc.health.v1.Health", "Check", HealthCheckResponse.Parser);

    private readonly ReferenceHub _hub;
    private readonly WebApplication _proxy;
    private readonly HttpGrpcCallInvoker _upstream;

    private BrokenExchange(ReferenceHub hub, WebApplication proxy, HttpGrpcCallInvoker upstream, Uri endpoint)
    {
        _hub = hub;
        _proxy = proxy;
        _upstream = upstream;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConformanceIdentities Identities => _hub.Identities;

    public string Folder => _hub.Folder;

    public Task<string> WriteIdentitiesFileAsync() => _hub.WriteIdentitiesFileAsync();

    public static async Task<BrokenExchange> StartAsync(BrokenRule rule)
    {
        var hub = await ReferenceHub.StartAsync();
        var upstream = new HttpGrpcCallInvoker(hub.Endpoint);
        var ids = hub.Identities;
        var tokenOf = new[] { ids.CityA, ids.CityB, ids.LifelineOperator, ids.Outsider }.ToDictionary(p => p.PartnerId, p => $"Bearer {p.Token}");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        var app = builder.Build();
        var options = new GrpcServerOptions { MaxReceiveMessageBytes = int.MaxValue };

        GrpcCallOptions Forward(GrpcServerCallContext context, string? authorization = null, bool keepDeadline = true, CancellationToken? token = null) => new()
        {
            Metadata = (authorization ?? context.GetMetadata("authorization")) is { } auth ? [new("authorization", auth)] : [],
            Timeout = keepDeadline && context.Deadline is { } deadline ? deadline - DateTimeOffset.UtcNow : null,
            CancellationToken = token ?? context.CancellationToken,
        };

        string? AsOutsiderReadsAsOperator(GrpcServerCallContext context) =>
            rule == BrokenRule.RestrictedLeaksToOutsider && context.GetMetadata("authorization") == tokenOf[ids.Outsider.PartnerId] ? tokenOf[ids.LifelineOperator.PartnerId] : null;

        async Task<T> Call<T>(Func<Task<T>> call)
        {
            try
            {
                return await call();
            }
            catch (GrpcCallException ex)
            {
                var trailers = ex.Trailers.Where(t => t.Key.StartsWith("cityrisk-", StringComparison.Ordinal)
                    && !(rule == BrokenRule.ProblemsTrailerMissing && t.Key == GrpcProtocol.ProblemsTrailer)).ToDictionary(t => t.Key, t => t.Value);
                var status = rule == BrokenRule.WrongStatusCode && ex.StatusCode == GrpcStatusCode.NotFound ? GrpcStatusCode.Unknown : ex.StatusCode;
                throw new GrpcStatusException(status, ex.Detail, trailers);
            }
        }

        new GrpcServiceBuilder(app, "cityrisk.v1.Exchange", options)
            .MapUnary("Publish", PublishRequest.Parser, async (request, context) =>
            {
                var authorization = rule == BrokenRule.SenderSpoofingAccepted && tokenOf.TryGetValue(request.Envelope?.Sender ?? string.Empty, out var claimed) ? claimed : null;
                try
                {
                    var response = await Call(() => upstream.UnaryAsync(Publish, request, Forward(context, authorization)));
                    return rule == BrokenRule.PublishNotIdempotent && response.Duplicate ? new PublishResponse { Cursor = response.Cursor + 1_000_000 } : response;
                }
                catch (GrpcStatusException ex) when (rule == BrokenRule.AlreadyExistsMissing && ex.StatusCode == GrpcStatusCode.AlreadyExists)
                {
                    return new PublishResponse { Cursor = 1 };
                }
                catch (GrpcStatusException ex) when (rule == BrokenRule.InvalidPayloadAccepted && ex.StatusCode == GrpcStatusCode.InvalidArgument)
                {
                    return new PublishResponse { Cursor = 1 };
                }
            })
            .MapUnary("Get", GetRequest.Parser, async (request, context) =>
            {
                try
                {
                    return await Call(() => upstream.UnaryAsync(Get, request, Forward(context, AsOutsiderReadsAsOperator(context))));
                }
                catch (GrpcStatusException ex) when (rule == BrokenRule.PermissionDeniedRevealsExistence && ex.StatusCode == GrpcStatusCode.NotFound
                    && request.Message is { } target && tokenOf.TryGetValue(target.Sender, out var owner))
                {
                    // The owner can see it: so it exists, and the broken exchange says so.
                    await Call(() => upstream.UnaryAsync(Get, request, Forward(context, owner)));
                    throw new GrpcStatusException(GrpcStatusCode.PermissionDenied, "You may not read this message.");
                }
            })
            .MapUnary("Query", QueryRequest.Parser, (request, context) =>
            {
                if (rule == BrokenRule.AreaFilterIgnored)
                {
                    if (request.Filter is { } f) { f.Area = null; }
                }

                return Call(() => upstream.UnaryAsync(Query, request, Forward(context, AsOutsiderReadsAsOperator(context))));
            })
            .MapServerStreaming<SubscribeRequest, Delivery>("Subscribe", SubscribeRequest.Parser, async (request, writer, context) =>
            {
                if (rule == BrokenRule.AreaFilterIgnored)
                {
                    if (request.Filter is { } f) { f.Area = null; }
                }

                if (request.StartCase == SubscribeRequest.StartOneofCase.AfterCursor && request.AfterCursor > 0)
                {
                    request.AfterCursor = rule switch
                    {
                        BrokenRule.MessageLostOnResume => request.AfterCursor + 1,
                        BrokenRule.MessageRepeatedOnResume => request.AfterCursor - 1,
                        _ => request.AfterCursor,
                    };
                }

                var ignoreDeadline = rule == BrokenRule.DeadlineIgnored;
                var token = ignoreDeadline ? context.HttpContext.RequestAborted : context.CancellationToken;
                Delivery? held = null;
                await Call(async () =>
                {
                    await foreach (var delivery in upstream.ServerStreamingAsync(Subscribe, request, Forward(context, AsOutsiderReadsAsOperator(context), keepDeadline: !ignoreDeadline, token)))
                    {
                        if (rule == BrokenRule.DeliveriesOutOfOrder && held is null)
                        {
                            held = delivery;
                            continue;
                        }

                        await writer.WriteAsync(delivery, token);
                        if (held is not null)
                        {
                            await writer.WriteAsync(held, token);
                            held = null;
                        }
                    }

                    return true;
                });
            });
        new GrpcServiceBuilder(app, GrpcHealthService.ServiceName, options)
            .MapUnary("Check", HealthCheckRequest.Parser, (request, context) => Call(() => upstream.UnaryAsync(Health, request, Forward(context))));
        GrpcServiceBuilder.MapUnimplementedFallback(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new BrokenExchange(hub, app, upstream, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync(CancellationToken.None);
        await _proxy.DisposeAsync();
        _upstream.Dispose();
        await _hub.DisposeAsync();
    }
}
