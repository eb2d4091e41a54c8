using System.Diagnostics.CodeAnalysis;
using CityRisk.Protocol.V1;
using CityRisk.Server.Enterprises;
using CityRisk.Server.Exchange;
using Grpc.Core;

namespace CityRisk.Server.Hosting;

/// <summary>
/// <c>cityrisk.v1.Exchange</c> on Grpc.AspNetCore. One instance serves every call and hands it to the exchange the
/// host started (UNAVAILABLE while it starts or stops). Bound by <see cref="ExchangeServiceBinder"/>: the unary
/// methods with the generated descriptors, Subscribe and QueryEnterprises with marshallers that write bytes serialized
/// once (each delivery's; a page's stored envelopes).
/// Grpc.AspNetCore finds the handlers by name among the public virtual methods of this type.
/// </summary>
[BindServiceMethod(typeof(ExchangeServiceBinder), nameof(ExchangeServiceBinder.BindService))]
[SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "Grpc.AspNetCore binds only virtual methods declared on the bound type.")]
internal class ExchangeGrpcService(ExchangeHost host)
{
    public virtual Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context) =>
        Observed("Publish", context, exchange => exchange.PublishAsync(request, context));

    public virtual Task<PublishBatchResponse> PublishBatch(PublishBatchRequest request, ServerCallContext context) =>
        Observed("PublishBatch", context, exchange => exchange.PublishBatchAsync(request, context));

    public virtual Task<GetResponse> Get(GetRequest request, ServerCallContext context) =>
        Observed("Get", context, exchange => exchange.GetAsync(request, context));

    public virtual Task<QueryResponse> Query(QueryRequest request, ServerCallContext context) =>
        Observed("Query", context, exchange => exchange.QueryAsync(request, context));

    public virtual Task<RecordObservationsResponse> RecordObservations(RecordObservationsRequest request, ServerCallContext context) =>
        Observed("RecordObservations", context, _ => host.Monitor.RecordObservationsAsync(request, context));

    public virtual Task<QueryObservationsResponse> QueryObservations(QueryObservationsRequest request, ServerCallContext context) =>
        Observed("QueryObservations", context, _ => host.Monitor.QueryObservationsAsync(request, context));

    public virtual Task<HazardStatus> GetHazardStatus(GetHazardStatusRequest request, ServerCallContext context) =>
        Observed("GetHazardStatus", context, _ => host.Monitor.GetHazardStatusAsync(request, context));

    public virtual Task<IncidentStatistics> GetIncidentStatistics(IncidentStatisticsRequest request, ServerCallContext context) =>
        Observed("GetIncidentStatistics", context, _ => host.Incidents.GetStatisticsAsync(request, context));

    public virtual Task<ResourcePoolResponse> QueryResourcePool(ResourcePoolRequest request, ServerCallContext context) =>
        Observed("QueryResourcePool", context, _ => host.Pool.QueryPoolAsync(request, context));

    public virtual Task<ResourceRequestStatus> GetResourceRequestStatus(GetResourceRequestStatusRequest request, ServerCallContext context) =>
        Observed("GetResourceRequestStatus", context, _ => host.Pool.GetRequestStatusAsync(request, context));

    public virtual Task<EncodedEnterprisePage> QueryEnterprises(EnterpriseQueryRequest request, ServerCallContext context) =>
        Observed("QueryEnterprises", context, _ => host.Enterprises.QueryAsync(request, context));

    public virtual Task ExportEnterprises(EnterpriseQueryRequest request, IServerStreamWriter<EnterpriseExportPage> responseStream, ServerCallContext context) =>
        Observed("ExportEnterprises", context, async _ =>
        {
            await host.Enterprises.ExportAsync(request, responseStream, context).ConfigureAwait(false);
            return true;
        });

    public virtual Task<EnterpriseAuditResponse> QueryEnterpriseAudit(EnterpriseAuditRequest request, ServerCallContext context) =>
        Observed("QueryEnterpriseAudit", context, _ => host.Enterprises.QueryAuditAsync(request, context));

    public virtual Task Subscribe(SubscribeRequest request, IServerStreamWriter<EncodedDelivery> responseStream, ServerCallContext context) =>
        host.Subscriptions.SubscribeAsync(request, responseStream, context);

    /// <summary>Runs a unary call on the started exchange inside its span and refusal count.</summary>
    private Task<T> Observed<T>(string method, ServerCallContext context, Func<ExchangeService, Task<T>> call)
    {
        var exchange = host.Exchange;
        return exchange.Observe(method, context, call(exchange));
    }
}
