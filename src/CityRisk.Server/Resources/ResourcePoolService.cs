using System.Globalization;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Exchange;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Resources;

/// <summary>
/// QueryResourcePool and GetResourceRequestStatus (docs/resources.md, "Pool query" and "Requests"; docs/protocol.md
/// §6.11): read-side answers from the store's pool ledger, over what the caller may see only.
/// </summary>
internal sealed class ResourcePoolService(ExchangeService exchange, IExchangeStore store, TimeProvider time)
{
    public async Task<ResourcePoolResponse> QueryPoolAsync(ResourcePoolRequest request, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        var pool = Pool();
        var now = time.GetUtcNow();
        var query = ToQuery(request, caller, now);
        var found = await pool.QueryPoolAsync(query, context.CancellationToken).ConfigureAwait(false);
        var response = new ResourcePoolResponse { Truncated = found.Count > query.Limit, AsOf = Format(now) };
        response.Entries.AddRange(found.Take(query.Limit).Select(e =>
        {
            var entry = new PoolEntry
            {
                Resource = new EntityKey { Kind = DocumentKinds.Resource, Owner = e.Resource.Owner, Id = e.Resource.Id },
                Revision = (ulong)e.Resource.Revision,
                Type = e.Resource.Type,
                Unit = e.Resource.Unit,
                Quantity = e.Resource.Quantity,
                Available = e.Available,
                Offered = e.Offered,
                Committed = e.Resource.Committed,
                Status = e.Resource.Status,
                Jurisdiction = e.Resource.Jurisdiction,
                Home = new Position { Longitude = e.Resource.Longitude, Latitude = e.Resource.Latitude },
                DistanceKm = Math.Round(e.DistanceKm, 3),
            };
            entry.Capabilities.AddRange(e.Resource.Capabilities.Select(c => new CapabilityCondition { Name = c.Name, AtLeast = c.Value, Unit = c.Unit }));
            return entry;
        }));
        return response;
    }

    public async Task<ResourceRequestStatus> GetRequestStatusAsync(GetResourceRequestStatusRequest request, ServerCallContext context)
    {
        var caller = exchange.Authenticate(context);
        var pool = Pool();
        var fill = await exchange.LatestVisibleAsync(caller, DocumentKinds.ResourceRequest, request.Owner, request.Id, context.CancellationToken).ConfigureAwait(false) is null
            ? null
            : await pool.GetRequestFillAsync(request.Owner, request.Id, time.GetUtcNow(), context.CancellationToken).ConfigureAwait(false);
        if (fill is null)
        {
            throw ExchangeService.Fail(StatusCode.NotFound, $"There is no resource request '{request.Id}' of '{request.Owner}' (or you may not see it).");
        }

        var items = fill.Request.Items;
        var state = Enum.TryParse<ResourceRequestState>(fill.Request.State, out var published) ? published : ResourceRequestState.Open;
        var response = new ResourceRequestStatus
        {
            Owner = fill.Request.Owner,
            Id = fill.Request.Id,
            Revision = (ulong)fill.Request.Revision,
            State = ResourcePooling.EffectiveState(state, [.. items.Select(i => (i.Wanted, i.Committed))]).ToString(),
        };
        response.Items.AddRange(items.Select((i, n) => new RequestItemFill { Wanted = i.Wanted, Committed = i.Committed, Released = i.Released, Offered = fill.Offered[n] }));
        return response;
    }

    private IResourcePoolStore Pool() => store as IResourcePoolStore
        ?? throw ExchangeService.Fail(StatusCode.Unimplemented, "This hub's store keeps no resource pool; run it on a store that implements IResourcePoolStore (both stores CityRisk ships do).");

    /// <summary>Checks a pool request and turns it into the store's query (INVALID_ARGUMENT naming every bad field).</summary>
    private static PoolQuery ToQuery(ResourcePoolRequest request, Partners.Partner caller, DateTimeOffset now)
    {
        var problems = new List<string>();
        foreach (var type in request.ResourceTypes.Where(t => !ResourceTypes.IsValid(t)))
        {
            problems.Add($"types: '{type}' is not a resource type (docs/resources.md) nor <namespace>:<code>");
        }

        foreach (var capability in request.Capabilities.Where(c => string.IsNullOrWhiteSpace(c.Name) || string.IsNullOrWhiteSpace(c.Unit) || !double.IsFinite(c.AtLeast)))
        {
            problems.Add($"capabilities: '{capability.Name}' needs a name, a unit and a finite at_least");
        }

        if (request.Near is { } near && (!double.IsFinite(near.Longitude) || !double.IsFinite(near.Latitude) || Math.Abs(near.Longitude) > 180 || Math.Abs(near.Latitude) > 90))
        {
            problems.Add($"near: ({near.Longitude}, {near.Latitude}) is not a WGS 84 position (longitude -180 to 180, latitude -90 to 90)");
        }

        if (request.Near is not null && !(request.WithinKm > 0 && double.IsFinite(request.WithinKm)))
        {
            problems.Add("within_km: give a positive distance with near");
        }

        foreach (var prefix in request.Jurisdictions.Where(j => j.Length is not (2 or 4 or 6) || !j.All(char.IsAsciiDigit)))
        {
            problems.Add($"jurisdictions: '{prefix}' is not a GB/T 2260 prefix of 2, 4 or 6 digits");
        }

        if (problems.Count > 0)
        {
            throw ExchangeService.Fail(StatusCode.InvalidArgument, $"The pool query is invalid: {string.Join("; ", problems)}.");
        }

        return new PoolQuery
        {
            Types = [.. request.ResourceTypes],
            Capabilities = [.. request.Capabilities.Select(c => (c.Name, c.AtLeast, c.Unit))],
            Near = request.Near is { } centre ? (centre.Longitude, centre.Latitude) : null,
            WithinKm = request.WithinKm,
            Jurisdictions = [.. request.Jurisdictions],
            IncludeUnavailable = request.IncludeUnavailable,
            Viewer = [.. Visibility.ViewerOf(caller)],
            ViewerId = caller.Id.Value,
            At = now,
            Limit = request.PageSize == 0 ? ExchangeService.DefaultPageSize : (int)Math.Min(request.PageSize, ExchangeService.MaxPageSize),
        };
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
