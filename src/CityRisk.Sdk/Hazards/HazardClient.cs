using System.Globalization;
using System.Runtime.CompilerServices;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Problem = CityRisk.Problems.Problem;
using ProblemSeverity = CityRisk.Problems.ProblemSeverity;
using PublishResult = CityRisk.Client.PublishResult;
using WireFilter = CityRisk.Protocol.V1.Filter;

namespace CityRisk.Hazards;

/// <summary>
/// Hazards on a hub (docs/hazards.md): register and revise the hazards you own, get, query and subscribe to those you
/// may see, record their observations, and read the status the hub evaluates from them. Get it from
/// <see cref="CityRiskClient.Hazards"/>. Thread-safe; keeps no per-call state.
/// </summary>
public class HazardClient
{
    private readonly EntityCalls<Hazard, HazardMessage>? _calls;

    /// <summary>For mocking.</summary>
    protected HazardClient()
    {
    }

    internal HazardClient(ClientPipeline pipeline) =>
        _calls = new(pipeline, DocumentKinds.Hazard, static (cursor, hazard, envelope) => new HazardMessage(cursor, hazard, [.. envelope.RestrictionRoles], [.. envelope.Recipients]));

    private EntityCalls<Hazard, HazardMessage> Calls => _calls ?? throw new InvalidOperationException("This HazardClient was made for mocking and is not connected to a hub.");

    private ClientPipeline Pipeline => Calls.Pipeline;

    /// <summary>
    /// Registers a hazard you own: its revision 1. It is validated first (unless the client's options turn that off);
    /// a retry after a lost reply comes back as a duplicate.
    /// </summary>
    /// <param name="hazard">The hazard; its owner is the credential's partner and its revision 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="ArgumentException">The hazard is not revision 1, or not the credential's partner's.</exception>
    /// <exception cref="CityRiskException">The hazard has problems (INVALID_ARGUMENT with every one), is registered already with other content (ALREADY_EXISTS), or the hub refused it.</exception>
    public virtual Task<PublishResult> RegisterAsync(Hazard hazard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        if (hazard.Revision != 1)
        {
            throw new ArgumentException($"A hazard is registered as revision 1, not {hazard.Revision}; use ReviseAsync for later revisions.", nameof(hazard));
        }

        return PublishAsync(hazard, "HazardClient.Register", cancellationToken);
    }

    /// <summary>
    /// Publishes the next revision of a hazard you own: the hub takes revision n+1 only after n (FAILED_PRECONDITION
    /// naming the current revision otherwise). The hub keeps evaluating with the new indicators and thresholds, each
    /// indicator resuming from its state.
    /// </summary>
    /// <param name="hazard">The hazard as revised, its revision one more than the current one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="ArgumentException">The revision is under 2, or the hazard is not the credential's partner's.</exception>
    /// <exception cref="CityRiskException">The hazard has problems, the revision is out of order (FAILED_PRECONDITION), or the hub refused it.</exception>
    public virtual Task<PublishResult> ReviseAsync(Hazard hazard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        if (hazard.Revision < 2)
        {
            throw new ArgumentException($"A revision of a registered hazard is 2 or more, not {hazard.Revision}; use RegisterAsync for revision 1.", nameof(hazard));
        }

        return PublishAsync(hazard, "HazardClient.Revise", cancellationToken);
    }

    /// <summary>Gets a hazard's latest revision.</summary>
    /// <param name="owner">The owning partner.</param>
    /// <param name="id">The hazard's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hazard as the hub holds it.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is no such hazard or the caller may not see it.</exception>
    public virtual Task<HazardMessage> GetAsync(string owner, string id, CancellationToken cancellationToken = default) =>
        Calls.GetAsync(owner, id, "HazardClient.Get", cancellationToken);

    /// <summary>The hazards that match and that the caller may see, oldest first, fetched a page at a time as they are enumerated; each hazard's latest revision unless the history is asked for.</summary>
    /// <param name="query">What to select; null for every hazard's latest revision.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The results, enumerable as items or as pages.</returns>
    public virtual CityRiskPageable<HazardMessage> QueryAsync(HazardQuery? query = null, CancellationToken cancellationToken = default)
    {
        var filter = ToWire(query?.Filter);
        filter.IncludeSuperseded = query?.IncludeHistory ?? false;
        return Calls.QueryAsync(filter, "HazardClient.Query", cancellationToken);
    }

    /// <summary>
    /// Every revision of the hazards that match, as they are published (or replayed from a start or checkpoint), each
    /// exactly once and in cursor order; reconnects after breaks. Warnings about hazards are alerts: follow them with
    /// <see cref="AlertClient.SubscribeAsync"/>.
    /// </summary>
    /// <param name="options">Filter, start and checkpoint; null for every hazard from now.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The revisions, as they come.</returns>
    /// <exception cref="ArgumentException">A checkpoint store without a name.</exception>
    public virtual IAsyncEnumerable<HazardMessage> SubscribeAsync(HazardSubscribeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HazardSubscribeOptions();
        return Calls.SubscribeAsync(ToWire(options.Filter), options.Start, options.Name, options.CheckpointStore, "HazardClient.Subscribe", cancellationToken);
    }

    /// <summary>A hazard's status as the hub evaluates it from its observations.</summary>
    /// <param name="owner">The owning partner.</param>
    /// <param name="id">The hazard's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status, per indicator too, and the warning in force.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is no such hazard or the caller may not see it.</exception>
    public virtual async Task<HazardStatusReport> GetStatusAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var activity = ClientPipeline.StartActivity("HazardClient.GetStatus");
        var status = await Pipeline.UnaryAsync("GetHazardStatus", static (e, r, o) => e.GetHazardStatusAsync(r, o),
            new GetHazardStatusRequest { Hazard = EntityMessages.Key(DocumentKinds.Hazard, owner, id) }, cancellationToken).ConfigureAwait(false);
        return new HazardStatusReport(owner, id, (long)status.Revision, AlertEnvelope.FromWire(status.Level),
            [.. status.Indicators.Select(i => new IndicatorStatusReport(i.IndicatorId, AlertEnvelope.FromWire(i.Level), ObservationMessages.TryParseTime(i.Newest, out var newest) ? newest : null))],
            status.Warning?.Sender, status.Warning?.Id, ObservationMessages.TryParseTime(status.ChangedAt, out var changed) ? changed : null);
    }

    /// <summary>
    /// Records a batch of observations of hazards you own (at most 5,000). Each gets its own outcome: recorded, a
    /// duplicate, or refused with the reason; a refused row does not fail the others. Safe to retry: what was
    /// recorded comes back as duplicates. For a continuous feed use <see cref="CreateObservationWriter"/>.
    /// </summary>
    /// <param name="observations">The observations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per observation, in order.</returns>
    /// <exception cref="CityRiskException">The whole call failed (UNAVAILABLE after the retries, RESOURCE_EXHAUSTED for a batch over the hub's limit ...).</exception>
    public virtual async Task<IReadOnlyList<ObservationOutcome>> RecordAsync(IReadOnlyList<Observation> observations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        using var activity = ClientPipeline.StartActivity("HazardClient.Record");
        activity?.SetTag("cityrisk.observations", observations.Count);
        if (observations.Count == 0)
        {
            return [];
        }

        var request = new RecordObservationsRequest();
        request.Observations.AddRange(observations.Select(ObservationMessages.ToWire));
        var response = await Pipeline.UnaryAsync("RecordObservations", static (e, r, o) => e.RecordObservationsAsync(r, o), request, cancellationToken).ConfigureAwait(false);
        if (response.Results.Count != observations.Count)
        {
            throw new CityRiskException(StatusCode.Internal, $"The hub answered {response.Results.Count} results for {observations.Count} observations.");
        }

        return [.. response.Results.Select((result, i) => result.OutcomeCase == ObservationResult.OutcomeOneofCase.Error
            ? new ObservationOutcome(i, observations[i], false, false, (StatusCode)result.Error.Code, result.Error.Message, ProblemsTrailer.FromMessage(result.Error.Problems))
            : new ObservationOutcome(i, observations[i], true, result.Duplicate, null, null, []))];
    }

    /// <summary>
    /// A writer for a continuous feed of observations: it batches them, sends a batch at a time with backpressure,
    /// and reports refused rows. Dispose it (or call <see cref="ObservationWriter.CompleteAsync"/>) to send the rest.
    /// </summary>
    /// <param name="options">Batch size, delay, buffer, and where refused rows go; null for the defaults.</param>
    /// <returns>The writer.</returns>
    public virtual ObservationWriter CreateObservationWriter(ObservationWriterOptions? options = null) => new(this, options ?? new ObservationWriterOptions(), Pipeline.Logger);

    /// <summary>A hazard's stored observations (within the hub's retention window), by indicator then observed-at, a page at a time.</summary>
    /// <param name="owner">The hazard's owner.</param>
    /// <param name="id">The hazard's id.</param>
    /// <param name="indicatorId">Only this indicator; null for all.</param>
    /// <param name="observedFrom">Observed at or after; null for no lower bound.</param>
    /// <param name="observedBefore">Observed before; null for no upper bound.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The observations, enumerable as items or as pages.</returns>
    public virtual CityRiskPageable<Observation> QueryObservationsAsync(string owner, string id, string? indicatorId = null, DateTimeOffset? observedFrom = null, DateTimeOffset? observedBefore = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var pipeline = Pipeline;
        return new FunctionPageable<Observation>(async (token, pageSize, cancel) =>
        {
            using var activity = ClientPipeline.StartActivity("HazardClient.QueryObservations");
            var request = new QueryObservationsRequest
            {
                Hazard = EntityMessages.Key(DocumentKinds.Hazard, owner, id),
                IndicatorId = indicatorId ?? string.Empty,
                From = observedFrom is { } start ? ObservationMessages.FormatTime(start) : string.Empty,
                To = observedBefore is { } end ? ObservationMessages.FormatTime(end) : string.Empty,
                PageSize = (uint)(pageSize ?? 0),
                PageToken = token ?? string.Empty,
            };
            var response = await pipeline.UnaryAsync("QueryObservations", static (e, r, o) => e.QueryObservationsAsync(r, o), request, cancel).ConfigureAwait(false);
            var items = new List<Observation>(response.Observations.Count);
            foreach (var wire in response.Observations)
            {
                items.Add(ObservationMessages.TryFromWire(wire, out var observation, out var problems)
                    ? observation!
                    : throw new CityRiskException(StatusCode.Internal, $"The hub returned an observation that cannot be read: {string.Join("; ", problems.Select(p => p.Message))}"));
            }

            return new CityRiskPage<Observation>(items, response.NextPageToken.Length == 0 ? null : response.NextPageToken);
        }, cancellationToken);
    }

    private async Task<PublishResult> PublishAsync(Hazard hazard, string activityName, CancellationToken cancellationToken)
    {
        if (hazard.Owner != Pipeline.Credential.PartnerId)
        {
            throw new ArgumentException($"You are '{Pipeline.Credential.PartnerId}' and may publish only your own hazards, not one owned by '{hazard.Owner}'.", nameof(hazard));
        }

        return (await Calls.PublishAsync(hazard, HazardEnvelope.Create, activityName, cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>The hazard's attributes, as HazardEnvelope derives them (docs/protocol.md §4.2.1).</summary>
    private WireFilter ToWire(HazardFilter? filter)
    {
        var wire = Calls.Filter(filter?.Jurisdictions, filter?.Area,
            ("type", filter?.Types),
            ("domain", filter?.Domains?.Select(d => d.ToString())),
            ("risk_grade", filter?.RiskGrades?.Select(g => g.ToString())));
        wire.Senders.AddRange(filter?.Owners ?? []);
        return wire;
    }
}
