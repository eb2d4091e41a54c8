using System.Net;
using CityRisk.Client;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Testing.Tests;

/// <summary>
/// An exchange that breaks exactly one rule: a gRPC proxy (Grpc.AspNetCore, generated service bases) in front of the
/// reference hub that passes every call through and bends one behaviour. The kit is worth what it catches: each of
/// these must fail at least one check.
/// </summary>
internal sealed class BrokenExchange : IAsyncDisposable
{
    private readonly ReferenceHub _hub;
    private readonly WebApplication _proxy;
    private readonly GrpcChannel _upstream;

    private BrokenExchange(ReferenceHub hub, WebApplication proxy, GrpcChannel upstream, Uri endpoint)
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

    /// <summary>Starts the reference hub and, in front of it, a proxy that breaks <paramref name="rule"/> (none: it passes every call through).</summary>
    /// <param name="rule">The rule to break, or null.</param>
    /// <param name="flakiness">
    /// The share of calls that fail in transport, as a flaky network does: UNAVAILABLE before reaching the hub, or, for
    /// a stream, a reset after a few deliveries. Seeded, so a run is repeatable.
    /// </param>
    public static async Task<BrokenExchange> StartAsync(BrokenRule? rule, double flakiness = 0)
    {
        var hub = await ReferenceHub.StartAsync();
        var upstream = CityRiskChannel.Create(hub.Endpoint, new CityRiskClientOptions { MaxMessageBytes = 64 * 1024 * 1024 });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(new Proxy(rule, hub.Identities, upstream, flakiness));
        builder.Services.AddSingleton<ProxyExchange>();
        builder.Services.AddSingleton<ProxyHealth>();
        var app = builder.Build();
        if (rule == BrokenRule.DeadlineIgnored)
        {
            // Grpc.AspNetCore enforces deadlines itself: a hub that ignores them never sees them.
            app.Use((context, next) =>
            {
                context.Request.Headers.Remove("grpc-timeout");
                return next(context);
            });
        }

        app.MapGrpcService<ProxyExchange>();
        app.MapGrpcService<ProxyHealth>();
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

    /// <summary>What both proxied services share: the rule, the parties' tokens and the upstream stubs.</summary>
    private sealed class Proxy(BrokenRule? rule, ConformanceIdentities ids, GrpcChannel upstream, double flakiness)
    {
        private readonly Random _random = new(20261130);
        private readonly Dictionary<string, string> _tokenOf = new[] { ids.CityA, ids.CityB, ids.LifelineOperator, ids.Outsider, ids.Jurisdiction, ids.Regulator, ids.Insurer }.OfType<ConformanceParty>().ToDictionary(p => p.PartnerId, p => $"Bearer {p.Token}");

        public BrokenRule? Rule { get; } = rule;

        /// <summary>After which delivery a flaky network resets this stream; 0 for never.</summary>
        public int ResetStreamAfter()
        {
            lock (_random)
            {
                return _random.NextDouble() < flakiness ? 1 + _random.Next(20) : 0;
            }
        }

        private bool Unavailable()
        {
            lock (_random)
            {
                return _random.NextDouble() < flakiness;
            }
        }

        public ConformanceIdentities Ids { get; } = ids;

        public CityRisk.Protocol.V1.Exchange.ExchangeClient Exchange { get; } = new(upstream);

        public Grpc.Health.V1.Health.HealthClient Health { get; } = new(upstream);

        public string? TokenOf(string partner) => _tokenOf.GetValueOrDefault(partner);

        public static CallOptions Forward(ServerCallContext context, string? authorization = null, bool keepDeadline = true, CancellationToken? token = null) => new(
            headers: (authorization ?? context.RequestHeaders.GetValue("authorization")) is { } auth ? [new Metadata.Entry("authorization", auth)] : [],
            deadline: keepDeadline && context.Deadline != DateTime.MaxValue ? context.Deadline : null,
            cancellationToken: token ?? context.CancellationToken);

        public string? OutsiderReadsHazardsAsOwner(ServerCallContext context) =>
            Rule == BrokenRule.RestrictedHazardLeaks && context.RequestHeaders.GetValue("authorization") == _tokenOf[Ids.Outsider.PartnerId] ? _tokenOf[Ids.LifelineOperator.PartnerId] : null;

        /// <summary>Whether the rule hides this message from every reader: a Cancel the hub generated for a hazard.</summary>
        public bool Hides(Envelope? envelope) =>
            Rule == BrokenRule.WarningNeverCancelled && envelope is { Kind: "alert" } && envelope.Id.StartsWith("cityrisk-hazard.", StringComparison.Ordinal)
            && envelope.Payload.ToStringUtf8().Contains("<msgType>Cancel</msgType>", StringComparison.Ordinal);

        public string? OutsiderReadsRequestsAsCityB(ServerCallContext context) =>
            Rule == BrokenRule.RequestVisibleOutsideAudience && context.RequestHeaders.GetValue("authorization") == _tokenOf[Ids.Outsider.PartnerId] ? _tokenOf[Ids.CityB.PartnerId] : null;

        public string? AsOutsiderReadsAsOperator(ServerCallContext context) =>
            Rule == BrokenRule.RestrictedLeaksToOutsider && context.RequestHeaders.GetValue("authorization") == _tokenOf[Ids.Outsider.PartnerId] ? _tokenOf[Ids.LifelineOperator.PartnerId] : null;

        /// <summary>Passes the upstream status and its cityrisk-* trailers back, bent where the rule says.</summary>
        public async Task<T> Call<T>(Func<Task<T>> call, bool flaky = true)
        {
            if (flaky && Unavailable())
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "flaky network between the caller and the hub (test)"));
            }

            try
            {
                return await call();
            }
            catch (RpcException ex)
            {
                var trailers = new Metadata();
                foreach (var entry in ex.Trailers.Where(t => t.Key.StartsWith("cityrisk-", StringComparison.Ordinal)
                    && !(Rule == BrokenRule.ProblemsTrailerMissing && t.Key == ProblemsTrailer.Name)))
                {
                    trailers.Add(entry);
                }

                var status = Rule == BrokenRule.WrongStatusCode && ex.StatusCode == StatusCode.NotFound ? StatusCode.Unknown : ex.StatusCode;
                throw new RpcException(new Status(status, ex.Status.Detail), trailers);
            }
        }
    }

    private sealed class ProxyExchange(Proxy proxy) : CityRisk.Protocol.V1.Exchange.ExchangeBase
    {
        public override async Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context)
        {
            if (proxy.Rule == BrokenRule.HysteresisSkipped && request.Envelope?.Kind == DocumentKinds.Hazard)
            {
                // The hub then evaluates as one that ignores the band would.
                var codec = DocumentCodecs.Default.Get<CityRisk.Hazards.Hazard>(DocumentFormat.CityRiskJson);
                if (codec.Read(request.Envelope.Payload.Memory).Value is { } hazard)
                {
                    var bent = hazard with { Indicators = [.. hazard.Indicators.Select(i => i with { Hysteresis = 0 })] };
                    request.Envelope.Payload = Google.Protobuf.ByteString.CopyFrom(codec.Write(bent).Value!);
                }
            }

            if ((proxy.Rule == BrokenRule.ReleaseLost && request.Envelope?.Kind == DocumentKinds.ResourceRelease)
                || (proxy.Rule == BrokenRule.ProfileVisibleAfterRevoke && request.Envelope is { Kind: DocumentKinds.EnterpriseGrant } grant && grant.Attributes.GetValueOrDefault("state") == "Revoked"))
            {
                return new PublishResponse { Cursor = 1 };
            }

            var authorization = proxy.Rule == BrokenRule.SenderSpoofingAccepted ? proxy.TokenOf(request.Envelope?.Sender ?? string.Empty) : null;
            try
            {
                var response = await proxy.Call(() => proxy.Exchange.PublishAsync(request, Proxy.Forward(context, authorization)).ResponseAsync);
                return proxy.Rule == BrokenRule.PublishNotIdempotent && response.Duplicate ? new PublishResponse { Cursor = response.Cursor + 1_000_000 } : response;
            }
            catch (RpcException ex) when (proxy.Rule == BrokenRule.AlreadyExistsMissing && ex.StatusCode == StatusCode.AlreadyExists)
            {
                return new PublishResponse { Cursor = 1 };
            }
            catch (RpcException ex) when (proxy.Rule == BrokenRule.InvalidPayloadAccepted && ex.StatusCode == StatusCode.InvalidArgument)
            {
                return new PublishResponse { Cursor = 1 };
            }
            catch (RpcException ex) when (proxy.Rule == BrokenRule.OverCommitAccepted && request.Envelope?.Kind == DocumentKinds.ResourceCommitment && ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return new PublishResponse { Cursor = 1 };
            }
            catch (RpcException ex) when (request.Envelope?.Kind == DocumentKinds.Incident && ex.StatusCode == StatusCode.FailedPrecondition
                && ((proxy.Rule == BrokenRule.IllegalIncidentStepAccepted && ex.Status.Detail.Contains("from there it may become", StringComparison.Ordinal))
                    || (proxy.Rule == BrokenRule.RevisionLostUnderConcurrentSteps && ex.Status.Detail.Contains("the current revision is", StringComparison.Ordinal))))
            {
                return new PublishResponse { Cursor = 1 };
            }
        }

        public override Task<ResourcePoolResponse> QueryResourcePool(ResourcePoolRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.QueryResourcePoolAsync(request, Proxy.Forward(context)).ResponseAsync);

        public override Task<ResourceRequestStatus> GetResourceRequestStatus(GetResourceRequestStatusRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.GetResourceRequestStatusAsync(request, Proxy.Forward(context, proxy.OutsiderReadsRequestsAsCityB(context))).ResponseAsync);

        public override Task<IncidentStatistics> GetIncidentStatistics(IncidentStatisticsRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.GetIncidentStatisticsAsync(request, Proxy.Forward(context,
                proxy.Rule == BrokenRule.StatisticsCountWhatTheCallerMayNotSee && proxy.Ids.Jurisdiction is { } jurisdiction ? proxy.TokenOf(jurisdiction.PartnerId) : null)).ResponseAsync);

        public override async Task<EnterpriseQueryResponse> QueryEnterprises(EnterpriseQueryRequest request, ServerCallContext context)
        {
            var response = await proxy.Call(() => proxy.Exchange.QueryEnterprisesAsync(request, Proxy.Forward(context)).ResponseAsync);
            if (proxy.Rule == BrokenRule.EnterpriseCountLeaks && request.IncludeTotal && proxy.Ids.Regulator is { } regulator)
            {
                // Counted as the regulator counts its own: every profile the filter selects, granted or not.
                var counted = request.Clone();
                counted.PageSize = 1;
                counted.PageToken = string.Empty;
                response.Total = (await proxy.Call(() => proxy.Exchange.QueryEnterprisesAsync(counted, Proxy.Forward(context, proxy.TokenOf(regulator.PartnerId))).ResponseAsync)).Total;
            }

            return response;
        }

        public override Task ExportEnterprises(EnterpriseQueryRequest request, IServerStreamWriter<EnterpriseExportPage> responseStream, ServerCallContext context) =>
            proxy.Call(async () =>
            {
                using var call = proxy.Exchange.ExportEnterprises(request, Proxy.Forward(context));
                while (await call.ResponseStream.MoveNext(context.CancellationToken))
                {
                    await responseStream.WriteAsync(call.ResponseStream.Current);
                }

                return true;
            });

        public override Task<EnterpriseAuditResponse> QueryEnterpriseAudit(EnterpriseAuditRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.QueryEnterpriseAuditAsync(request, Proxy.Forward(context)).ResponseAsync);

        /// <summary>
        /// An insurer's Get of a profile answered as the regulator's own read when the insurer's grants (read as the
        /// insurer, which audits nothing) cover it, NOT_FOUND otherwise: right answers, no audit entry.
        /// </summary>
        private async Task<GetResponse?> UnauditedAsync(GetRequest request, ServerCallContext context)
        {
            if (proxy.Rule != BrokenRule.ReadWithoutAudit || request.Entity is not { Kind: DocumentKinds.EnterpriseProfile } key || proxy.Ids is not { Regulator: { } regulator, Insurer: { } insurer }
                || context.RequestHeaders.GetValue("authorization") != proxy.TokenOf(insurer.PartnerId))
            {
                return null;
            }

            var response = await proxy.Call(() => proxy.Exchange.GetAsync(request, Proxy.Forward(context, proxy.TokenOf(regulator.PartnerId))).ResponseAsync);
            var profile = DocumentCodecs.Default.Get<CityRisk.Enterprises.EnterpriseRiskProfile>(DocumentFormat.CityRiskJson).Read(response.Envelope.Payload.Memory).Value!;
            var grants = await proxy.Call(() => proxy.Exchange.QueryAsync(new QueryRequest { Filter = new Filter { Kinds = { DocumentKinds.EnterpriseGrant } }, PageSize = 1000 }, Proxy.Forward(context)).ResponseAsync);
            var codec = DocumentCodecs.Default.Get<CityRisk.Enterprises.EnterpriseGrant>(DocumentFormat.CityRiskJson);
            return grants.Items.Select(i => codec.Read(i.Envelope.Payload.Memory).Value).Any(g => g is not null
                && CityRisk.Enterprises.EnterpriseAccess.Covers(g, key.Owner, key.Id, profile.Jurisdiction, profile.Industry, DateTimeOffset.UtcNow))
                ? response
                : throw new RpcException(new Status(StatusCode.NotFound, "No such message or entity."));
        }

        public override async Task<GetResponse> Get(GetRequest request, ServerCallContext context)
        {
            if (await UnauditedAsync(request, context) is { } unaudited)
            {
                return unaudited;
            }

            try
            {
                var response = await proxy.Call(() => proxy.Exchange.GetAsync(request, Proxy.Forward(context, proxy.AsOutsiderReadsAsOperator(context) ?? (request.Entity is not null ? proxy.OutsiderReadsHazardsAsOwner(context) ?? (request.Entity.Kind == DocumentKinds.ResourceRequest ? proxy.OutsiderReadsRequestsAsCityB(context) : null) : null))).ResponseAsync);
                return proxy.Hides(response.Envelope) ? throw new RpcException(new Status(StatusCode.NotFound, "No such message or entity.")) : response;
            }
            catch (RpcException ex) when (proxy.Rule == BrokenRule.PermissionDeniedRevealsExistence && ex.StatusCode == StatusCode.NotFound
                && request.Message is { } target && proxy.TokenOf(target.Sender) is { } owner)
            {
                // The owner can see it: so it exists, and the broken exchange says so.
                await proxy.Call(() => proxy.Exchange.GetAsync(request, Proxy.Forward(context, owner)).ResponseAsync);
                throw new RpcException(new Status(StatusCode.PermissionDenied, "You may not read this message."));
            }
        }

        public override Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
        {
            if (proxy.Rule == BrokenRule.AreaFilterIgnored && request.Filter is { } f)
            {
                f.Area = null;
            }

            return Filtered();

            async Task<QueryResponse> Filtered()
            {
                var response = await proxy.Call(() => proxy.Exchange.QueryAsync(request, Proxy.Forward(context, proxy.AsOutsiderReadsAsOperator(context)
                    ?? (request.Filter?.Kinds.Contains(DocumentKinds.ResourceRequest) == true ? proxy.OutsiderReadsRequestsAsCityB(context) : null))).ResponseAsync);
                var kept = new QueryResponse { NextPageToken = response.NextPageToken };
                kept.Items.AddRange(response.Items.Where(i => !proxy.Hides(i.Envelope)));
                return kept;
            }
        }

        public override Task<RecordObservationsResponse> RecordObservations(RecordObservationsRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.RecordObservationsAsync(request, Proxy.Forward(context)).ResponseAsync);

        public override Task<QueryObservationsResponse> QueryObservations(QueryObservationsRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.QueryObservationsAsync(request, Proxy.Forward(context, proxy.OutsiderReadsHazardsAsOwner(context))).ResponseAsync);

        public override Task<HazardStatus> GetHazardStatus(GetHazardStatusRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Exchange.GetHazardStatusAsync(request, Proxy.Forward(context, proxy.OutsiderReadsHazardsAsOwner(context))).ResponseAsync);

        public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Delivery> responseStream, ServerCallContext context)
        {
            if (proxy.Rule == BrokenRule.AreaFilterIgnored && request.Filter is { } f)
            {
                f.Area = null;
            }

            if (request.StartCase == SubscribeRequest.StartOneofCase.AfterCursor && request.AfterCursor > 0)
            {
                request.AfterCursor = proxy.Rule switch
                {
                    BrokenRule.MessageLostOnResume => request.AfterCursor + 1,
                    BrokenRule.MessageRepeatedOnResume => request.AfterCursor - 1,
                    _ => request.AfterCursor,
                };
            }

            var ignoreDeadline = proxy.Rule == BrokenRule.DeadlineIgnored;
            Delivery? held = null;
            await proxy.Call(async () =>
            {
                using var call = proxy.Exchange.Subscribe(request, Proxy.Forward(context, proxy.AsOutsiderReadsAsOperator(context), keepDeadline: !ignoreDeadline));
                var headers = await call.ResponseHeadersAsync;
                var forwarded = new Metadata();
                foreach (var header in headers.Where(h => h.Key.StartsWith("cityrisk-", StringComparison.Ordinal)))
                {
                    forwarded.Add(header);
                }

                await context.WriteResponseHeadersAsync(forwarded);
                var resetAfter = proxy.ResetStreamAfter();
                var count = 0;
                while (await call.ResponseStream.MoveNext(context.CancellationToken))
                {
                    var delivery = call.ResponseStream.Current;
                    if (proxy.Hides(delivery.Envelope))
                    {
                        continue;
                    }

                    count++;
                    if (count == resetAfter)
                    {
                        // A network fault mid-stream: the stream is reset, as a dropped connection or a restarting gateway does.
                        context.GetHttpContext().Abort();
                        return true;
                    }

                    switch (proxy.Rule)
                    {
                        case BrokenRule.DeliveriesOutOfOrder or BrokenRule.DeliveriesReorderedDeepInStream when held is null
                            && (proxy.Rule == BrokenRule.DeliveriesOutOfOrder || count == 120):
                            held = delivery;
                            continue;
                        case BrokenRule.FiftiethDeliveryDropped when count == 50:
                            continue;
                        case BrokenRule.FiftiethDeliveryRepeated when count == 50:
                            await responseStream.WriteAsync(delivery, context.CancellationToken);
                            break;
                        case BrokenRule.TwoHundredthPayloadCorrupted when count == 200:
                            var bytes = delivery.Envelope.Payload.ToByteArray();
                            bytes[bytes.Length / 2] ^= 0x01;
                            delivery = delivery.Clone();
                            delivery.Envelope.Payload = Google.Protobuf.ByteString.CopyFrom(bytes);
                            break;
                    }

                    await responseStream.WriteAsync(delivery, context.CancellationToken);
                    if (held is not null)
                    {
                        await responseStream.WriteAsync(held, context.CancellationToken);
                        held = null;
                    }
                }

                return true;
            });
        }
    }

    private sealed class ProxyHealth(Proxy proxy) : Grpc.Health.V1.Health.HealthBase
    {
        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
            proxy.Call(() => proxy.Health.CheckAsync(request, Proxy.Forward(context)).ResponseAsync, flaky: false);
    }
}
