using System.Runtime.CompilerServices;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using PublishResult = CityRisk.Client.PublishResult;

namespace CityRisk.Resources;

/// <summary>
/// Resource pooling on a hub (docs/resources.md): publish your resources, request others', offer, commit, report
/// deployment, release, query the pool, and follow what is addressed to you. Get it from
/// <see cref="CityRiskClient.Resources"/>. Thread-safe; keeps no per-call state. The hub guarantees the arithmetic
/// (nothing offered or committed twice); a step it refuses comes back as FAILED_PRECONDITION saying what is left.
/// </summary>
public class ResourceClient
{
    private readonly ClientPipeline? _pipeline;
    private readonly Dictionary<Type, object> _calls = [];

    /// <summary>For mocking.</summary>
    protected ResourceClient()
    {
    }

    internal ResourceClient(ClientPipeline pipeline)
    {
        _pipeline = pipeline;
        Add<Resource>(DocumentKinds.Resource);
        Add<ResourceRequest>(DocumentKinds.ResourceRequest);
        Add<ResourceOffer>(DocumentKinds.ResourceOffer);
        Add<ResourceCommitment>(DocumentKinds.ResourceCommitment);
        Add<ResourceStatusReport>(DocumentKinds.ResourceStatusReport);
        Add<ResourceRelease>(DocumentKinds.ResourceRelease);
    }

    private ClientPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This ResourceClient was made for mocking and is not connected to a hub.");

    /// <summary>Publishes a revision of one of your resources (revision 1 registers it). Its type and unit stay; its quantity never goes below what is offered and committed.</summary>
    /// <param name="resource">The resource, owned by the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">INVALID_ARGUMENT with every problem, FAILED_PRECONDITION (a stale revision, a quantity below what is held), or another refusal.</exception>
    public virtual Task<PublishResult> PublishResourceAsync(Resource resource, CancellationToken cancellationToken = default) =>
        PublishAsync(resource, ResourceEnvelope.Derive, "ResourceClient.PublishResource", cancellationToken);

    /// <summary>Publishes a revision of one of your requests: revision 1 opens it for its audience (a mutual-aid group such as <c>group:gba</c>); later revisions change quantities, add items, cancel or close it.</summary>
    /// <param name="request">The request, owned by the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">INVALID_ARGUMENT with every problem, FAILED_PRECONDITION (stale, final, an item below what is committed to it), or another refusal.</exception>
    public virtual Task<PublishResult> PublishRequestAsync(ResourceRequest request, CancellationToken cancellationToken = default) =>
        PublishAsync(request, ResourceEnvelope.Derive, "ResourceClient.PublishRequest", cancellationToken);

    /// <summary>Offers some of one of your resources, for a request item or unsolicited; the quantity is held until it is committed, withdrawn or expires.</summary>
    /// <param name="offer">The offer (revision 1, Open), owned by the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">FAILED_PRECONDITION when less is available than offered (the message says how much is), NOT_FOUND for a resource or request you cannot see, or another refusal.</exception>
    public virtual Task<PublishResult> OfferAsync(ResourceOffer offer, CancellationToken cancellationToken = default) =>
        PublishAsync(offer, ResourceEnvelope.Derive, "ResourceClient.Offer", cancellationToken);

    /// <summary>Withdraws one of your offers: what is not committed of it is available again at once.</summary>
    /// <param name="offerId">The offer's id.</param>
    /// <param name="note">Why; optional.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The withdrawal as published.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND, or FAILED_PRECONDITION when it was withdrawn already.</exception>
    public virtual async Task<PoolMessage<ResourceOffer>> WithdrawOfferAsync(string offerId, string? note = null, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync<ResourceOffer>(Pipeline.Credential.PartnerId, offerId, cancellationToken).ConfigureAwait(false);
        var now = Pipeline.Time.GetLocalNow();
        var withdrawn = current.Document with
        {
            Revision = current.Document.Revision + 1,
            State = ResourceOfferState.Withdrawn,
            UpdatedAt = now < current.Document.UpdatedAt ? current.Document.UpdatedAt : now,
            Note = note,
        };
        var result = await PublishAsync(withdrawn, ResourceEnvelope.Derive, "ResourceClient.WithdrawOffer", cancellationToken).ConfigureAwait(false);
        return new PoolMessage<ResourceOffer>(result.Cursor, withdrawn);
    }

    /// <summary>Commits some of an offer to an item of your request; the hub accepts it only while the offer stands with that much left and the item still needs it.</summary>
    /// <param name="commitment">The commitment, owned by the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it (a retry of the same commitment is a duplicate, never a second one).</returns>
    /// <exception cref="CityRiskException">FAILED_PRECONDITION saying what is left (of the offer, of the item), NOT_FOUND for an offer you cannot see, or another refusal.</exception>
    public virtual Task<PublishResult> CommitAsync(ResourceCommitment commitment, CancellationToken cancellationToken = default) =>
        PublishAsync(commitment, ResourceEnvelope.Derive, "ResourceClient.Commit", cancellationToken);

    /// <summary>Reports where a resource committed to someone else is: EnRoute, OnScene, Demobilized, Returned, in that order.</summary>
    /// <param name="report">The report, owned by the credential's partner (the provider).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">FAILED_PRECONDITION naming the next status when it is out of order, PERMISSION_DENIED when the resource is not yours, or another refusal.</exception>
    public virtual Task<PublishResult> ReportStatusAsync(ResourceStatusReport report, CancellationToken cancellationToken = default) =>
        PublishAsync(report, ResourceEnvelope.Derive, "ResourceClient.ReportStatus", cancellationToken);

    /// <summary>Releases some or all of one of your commitments: the quantity returns to the provider's availability at once.</summary>
    /// <param name="release">The release, owned by the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">FAILED_PRECONDITION when more is released than is still committed, or another refusal.</exception>
    public virtual Task<PublishResult> ReleaseAsync(ResourceRelease release, CancellationToken cancellationToken = default) =>
        PublishAsync(release, ResourceEnvelope.Derive, "ResourceClient.Release", cancellationToken);

    /// <summary>Gets the latest revision of a pooling document by its owner and id.</summary>
    /// <typeparam name="TDocument"><see cref="Resource"/>, <see cref="ResourceRequest"/>, <see cref="ResourceOffer"/>, <see cref="ResourceCommitment"/>, <see cref="ResourceStatusReport"/> or <see cref="ResourceRelease"/>.</typeparam>
    /// <param name="owner">The owner.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document as the hub holds it.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is none or the caller may not see it.</exception>
    public virtual Task<PoolMessage<TDocument>> GetAsync<TDocument>(string owner, string id, CancellationToken cancellationToken = default)
        where TDocument : class =>
        Calls<TDocument>().GetAsync(owner, id, $"ResourceClient.Get", cancellationToken);

    /// <summary>A request's fill: its state as its commitments make it (Open, PartiallyFilled, Filled, Cancelled, Closed) and each item's quantities.</summary>
    /// <param name="owner">The requester.</param>
    /// <param name="id">The request's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fill.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is no such request or the caller may not see it.</exception>
    public virtual async Task<ResourceRequestStatusReport> GetRequestStatusAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var activity = ClientPipeline.StartActivity("ResourceClient.GetRequestStatus");
        var response = await Pipeline.UnaryAsync("GetResourceRequestStatus", static (e, r, o) => e.GetResourceRequestStatusAsync(r, o), new GetResourceRequestStatusRequest { Owner = owner, Id = id }, cancellationToken).ConfigureAwait(false);
        return new ResourceRequestStatusReport(response.Owner, response.Id, (long)response.Revision, Parse<ResourceRequestState>(response.State, "state"),
            [.. response.Items.Select(i => new RequestItemFillReport(i.Wanted, i.Committed, i.Released, i.Offered))]);
    }

    /// <summary>What is available in the pool: resources of the types and capabilities asked, near a place, across what the caller may see, with quantities and owners.</summary>
    /// <param name="query">What to look for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resources found.</returns>
    /// <exception cref="CityRiskException">INVALID_ARGUMENT naming a bad condition, or UNIMPLEMENTED on a hub whose store keeps no pool.</exception>
    public virtual async Task<ResourcePoolReport> QueryPoolAsync(ResourcePoolQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var activity = ClientPipeline.StartActivity("ResourceClient.QueryPool");
        var request = new ResourcePoolRequest { IncludeUnavailable = query.IncludeUnavailable, PageSize = (uint)Math.Max(0, query.Limit) };
        request.ResourceTypes.AddRange(query.Types ?? []);
        request.Capabilities.AddRange((query.Capabilities ?? []).Select(c => new CapabilityCondition { Name = c.Name, AtLeast = c.AtLeast, Unit = c.Unit }));
        request.Jurisdictions.AddRange(query.Jurisdictions ?? []);
        if (query.Near is { } near)
        {
            request.Near = new Position { Longitude = near.Longitude, Latitude = near.Latitude };
            request.WithinKm = query.WithinKm;
        }

        var response = await Pipeline.UnaryAsync("QueryResourcePool", static (e, r, o) => e.QueryResourcePoolAsync(r, o), request, cancellationToken).ConfigureAwait(false);
        return new ResourcePoolReport(
            [.. response.Entries.Select(e => new PoolAvailability(e.Resource.Owner, e.Resource.Id, (long)e.Revision, e.Type, e.Unit, e.Quantity, e.Available, e.Offered, e.Committed,
                Parse<ResourceStatus>(e.Status, "status"), e.Jurisdiction, new GeoPoint(e.Home.Longitude, e.Home.Latitude), e.DistanceKm,
                [.. e.Capabilities.Select(c => new ResourceCapability { Name = c.Name, Value = c.AtLeast, Unit = c.Unit })]))],
            response.Truncated,
            ObservationMessages.TryParseTime(response.AsOf, out var at) ? at : throw new CityRiskException(StatusCode.Internal, $"The hub answered as_of '{response.AsOf}', not an RFC 3339 date-time."));
    }

    /// <summary>
    /// The pooling documents of one kind the caller may see as they are published (or replayed from a start or
    /// checkpoint), each once and in cursor order, reconnecting after breaks: requests addressed to you, offers made
    /// to you, commitments of your resources, reports on your commitments.
    /// </summary>
    /// <typeparam name="TDocument">The document type, as for <see cref="GetAsync{TDocument}"/>.</typeparam>
    /// <param name="options">Start, checkpoint, divisions; null for what others address to you from now.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The documents, as they come.</returns>
    /// <exception cref="ArgumentException">A checkpoint store without a name.</exception>
    public virtual IAsyncEnumerable<PoolMessage<TDocument>> SubscribeAsync<TDocument>(ResourceSubscribeOptions? options = null, CancellationToken cancellationToken = default)
        where TDocument : class
    {
        options ??= new ResourceSubscribeOptions();
        var calls = Calls<TDocument>();
        var deliveries = calls.SubscribeAsync(calls.Filter(options.Jurisdictions, null), options.Start, options.Name, options.CheckpointStore, "ResourceClient.Subscribe", cancellationToken);
        return options.IncludeOwn ? deliveries : NotOwn(deliveries, Pipeline.Credential.PartnerId, cancellationToken);
    }

    private static async IAsyncEnumerable<PoolMessage<TDocument>> NotOwn<TDocument>(IAsyncEnumerable<PoolMessage<TDocument>> deliveries, string me, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TDocument : class
    {
        await foreach (var delivery in deliveries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (OwnerOf(delivery.Document) != me)
            {
                yield return delivery;
            }
        }
    }

    private static string OwnerOf(object document) => document switch
    {
        Resource r => r.Owner,
        ResourceRequest r => r.Owner,
        ResourceOffer o => o.Owner,
        ResourceCommitment c => c.Owner,
        ResourceStatusReport s => s.Owner,
        ResourceRelease r => r.Owner,
        _ => string.Empty,
    };

    private async Task<PublishResult> PublishAsync<TDocument>(TDocument document, Func<TDocument, Envelope> derive, string activityName, CancellationToken cancellationToken)
        where TDocument : class
    {
        ArgumentNullException.ThrowIfNull(document);
        var owner = OwnerOf(document);
        if (owner != Pipeline.Credential.PartnerId)
        {
            throw new ArgumentException($"You are '{Pipeline.Credential.PartnerId}' and publish pooling documents as their owner, not as '{owner}'.", nameof(document));
        }

        var (result, _) = await Calls<TDocument>().PublishAsync(document, (d, payload, contentType, sent) => ResourceEnvelope.Complete(derive(d), payload, contentType, sent), activityName, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private void Add<TDocument>(string kind)
        where TDocument : class =>
        _calls[typeof(TDocument)] = new EntityCalls<TDocument, PoolMessage<TDocument>>(Pipeline, kind, static (cursor, document, _) => new PoolMessage<TDocument>(cursor, document));

    private EntityCalls<TDocument, PoolMessage<TDocument>> Calls<TDocument>()
        where TDocument : class =>
        _calls.TryGetValue(typeof(TDocument), out var calls)
            ? (EntityCalls<TDocument, PoolMessage<TDocument>>)calls
            : _pipeline is null
                ? throw new InvalidOperationException("This ResourceClient was made for mocking and is not connected to a hub.")
                : throw new ArgumentException($"{typeof(TDocument).Name} is not a pooling document: use Resource, ResourceRequest, ResourceOffer, ResourceCommitment, ResourceStatusReport or ResourceRelease.", nameof(TDocument));

    private static T Parse<T>(string value, string field)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) && parsed.ToString() == value
            ? parsed
            : throw new CityRiskException(StatusCode.Internal, $"The hub answered {field} '{value}', which is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
