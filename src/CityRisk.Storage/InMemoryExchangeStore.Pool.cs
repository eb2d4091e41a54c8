namespace CityRisk.Storage;

public sealed partial class InMemoryExchangeStore : IResourcePoolStore
{
    private readonly Dictionary<(string Owner, string Id), PooledResource> _resources = [];
    private readonly Dictionary<(string Owner, string Id), PooledOffer> _offers = [];
    private readonly Dictionary<(string Owner, string Id), PooledRequest> _requests = [];
    private readonly Dictionary<(string Owner, string Id), PooledCommitment> _commitments = [];

    /// <inheritdoc/>
    public Task<AppendResult> AppendPoolStepAsync(StoredMessage message, PoolStep change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            if (Refusal(message) is { } refused)
            {
                return Task.FromResult(refused);
            }

            // The ledger writes into a staging view; only when it accepts are the message and the rows stored.
            var staged = new StagedRows(this);
            PoolLedger.Apply(change, staged);
            var result = Insert(message);
            staged.Commit();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PoolEntryRecord>> QueryPoolAsync(PoolQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var offersByResource = _offers.Values.Where(o => o.Open).ToLookup(o => (o.Owner, o.ResourceId));
            var found = new List<PoolEntryRecord>();
            foreach (var resource in _resources.Values)
            {
                if (!query.Admits(resource, out var distance))
                {
                    continue;
                }

                var (offered, _) = PoolLedger.HeldAt(resource, offersByResource[(resource.Owner, resource.Id)], query.At);
                var available = PoolLedger.Available(resource, offered);
                if (available > 0 || query.IncludeUnavailable)
                {
                    found.Add(new PoolEntryRecord(resource, offered, available, distance));
                }
            }

            IReadOnlyList<PoolEntryRecord> ordered = [.. (query.Near is null
                ? found.OrderBy(e => e.Resource.Owner, StringComparer.Ordinal).ThenBy(e => e.Resource.Id, StringComparer.Ordinal)
                : found.OrderBy(e => e.DistanceKm).ThenBy(e => e.Resource.Owner, StringComparer.Ordinal).ThenBy(e => e.Resource.Id, StringComparer.Ordinal)).Take(query.Limit + 1)];
            return Task.FromResult(ordered);
        }
    }

    /// <inheritdoc/>
    public Task<RequestFillRecord?> GetRequestFillAsync(string owner, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_requests.TryGetValue((owner, id), out var request))
            {
                return Task.FromResult<RequestFillRecord?>(null);
            }

            var offered = new int[request.Items.Count];
            foreach (var offer in _offers.Values)
            {
                if (offer.Request is { } answered && answered.Owner == owner && answered.Id == id && answered.Item < offered.Length)
                {
                    offered[answered.Item] += offer.HeldAt(at);
                }
            }

            return Task.FromResult<RequestFillRecord?>(new RequestFillRecord(request, offered));
        }
    }

    /// <summary>The ledger's rows with its writes held back until <see cref="Commit"/>, so a refused step leaves nothing.</summary>
    private sealed class StagedRows(InMemoryExchangeStore store) : IPoolLedgerRows
    {
        private readonly Dictionary<(string, string), PooledResource> _resources = [];
        private readonly Dictionary<(string, string), PooledOffer> _offers = [];
        private readonly Dictionary<(string, string), PooledRequest> _requests = [];
        private readonly Dictionary<(string, string), PooledCommitment> _commitments = [];

        public PooledResource? Resource(string owner, string id) => _resources.GetValueOrDefault((owner, id)) ?? store._resources.GetValueOrDefault((owner, id));

        public IReadOnlyList<PooledOffer> OpenOffersOf(string owner, string resourceId) =>
            [.. store._offers.Values.Concat(_offers.Values).Where(o => o.Owner == owner && o.ResourceId == resourceId).DistinctBy(o => o.Id).Select(o => Offer(o.Owner, o.Id)!).Where(o => o.Open)];

        public IReadOnlyList<PooledOffer> OpenOffersFor(string requestOwner, string requestId) =>
            [.. store._offers.Values.Concat(_offers.Values).Where(o => o.Request is { } r && r.Owner == requestOwner && r.Id == requestId).DistinctBy(o => (o.Owner, o.Id)).Select(o => Offer(o.Owner, o.Id)!).Where(o => o.Open)];

        public PooledOffer? Offer(string owner, string id) => _offers.GetValueOrDefault((owner, id)) ?? store._offers.GetValueOrDefault((owner, id));

        public PooledRequest? Request(string owner, string id) => _requests.GetValueOrDefault((owner, id)) ?? store._requests.GetValueOrDefault((owner, id));

        public PooledCommitment? Commitment(string owner, string id) => _commitments.GetValueOrDefault((owner, id)) ?? store._commitments.GetValueOrDefault((owner, id));

        public void Save(PooledResource resource) => _resources[(resource.Owner, resource.Id)] = resource;

        public void Save(PooledOffer offer) => _offers[(offer.Owner, offer.Id)] = offer;

        public void Save(PooledRequest request) => _requests[(request.Owner, request.Id)] = request;

        public void Save(PooledCommitment commitment) => _commitments[(commitment.Owner, commitment.Id)] = commitment;

        public void Commit()
        {
            Copy(_resources, store._resources);
            Copy(_offers, store._offers);
            Copy(_requests, store._requests);
            Copy(_commitments, store._commitments);
        }

        private static void Copy<T>(Dictionary<(string, string), T> from, Dictionary<(string Owner, string Id), T> to)
        {
            foreach (var (key, value) in from)
            {
                to[key] = value;
            }
        }
    }
}
