using CityRisk.Client;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using PublishResult = CityRisk.Client.PublishResult;

namespace CityRisk.Incidents;

/// <summary>
/// Incidents on a hub (docs/incidents.md): report them, take the steps of their closed loop (verify, dispatch,
/// handle, resolve, close, reopen, reject, merge), get one with its history, query and subscribe, and read the
/// statistics cities are judged by. Get it from <see cref="CityRiskClient.Incidents"/>. Thread-safe; keeps no
/// per-call state.
/// </summary>
public class IncidentClient
{
    private readonly EntityCalls<Incident, IncidentMessage>? _calls;

    /// <summary>For mocking.</summary>
    protected IncidentClient()
    {
    }

    internal IncidentClient(ClientPipeline pipeline) =>
        _calls = new(pipeline, DocumentKinds.Incident, static (cursor, incident, envelope) => new IncidentMessage(cursor, incident, [.. envelope.RestrictionRoles], [.. envelope.Recipients]));

    private EntityCalls<Incident, IncidentMessage> Calls => _calls ?? throw new InvalidOperationException("This IncidentClient was made for mocking and is not connected to a hub.");

    /// <summary>
    /// Reports an incident: its revision 1, in state Reported, owned and published by the credential's partner. It is
    /// validated first (unless the client's options turn that off); a retry after a lost reply comes back as a duplicate.
    /// </summary>
    /// <param name="incident">The report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="ArgumentException">The incident is not revision 1, or not the credential's partner's.</exception>
    /// <exception cref="CityRiskException">The incident has problems (INVALID_ARGUMENT with every one), was reported already with other content (ALREADY_EXISTS), or the hub refused it.</exception>
    public virtual async Task<PublishResult> ReportAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Revision != 1 || incident.Owner != Calls.Pipeline.Credential.PartnerId)
        {
            throw new ArgumentException(incident.Revision != 1
                ? $"A report is revision 1, not {incident.Revision}; use TransitionAsync or PublishRevisionAsync for later steps."
                : $"You are '{Calls.Pipeline.Credential.PartnerId}' and report incidents as their owner, not as '{incident.Owner}'.", nameof(incident));
        }

        return (await Calls.PublishAsync(incident, IncidentEnvelope.Create, "IncidentClient.Report", cancellationToken).ConfigureAwait(false)).Result;
    }

    /// <summary>
    /// Takes a step: reads the incident's latest revision, and publishes the next one in <paramref name="state"/>, taken
    /// by the credential's partner now (never dated before the step before it), with the note. The hub checks the
    /// step against the life cycle (FAILED_PRECONDITION naming the allowed states) and who you are to the incident
    /// (PERMISSION_DENIED); if someone else took a step in between, it is FAILED_PRECONDITION naming the current
    /// revision: read it again and decide, the step is not retried for you.
    /// </summary>
    /// <param name="owner">The incident's owner (its reporter).</param>
    /// <param name="id">The incident's id.</param>
    /// <param name="state">The new state; the current one for an update that only adds a note.</param>
    /// <param name="note">What was found or done; optional.</param>
    /// <param name="assignTo">For a dispatch, the partner to handle it; null keeps the assignee.</param>
    /// <param name="mergedInto">For Merged, the incident it duplicates.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The new revision as published.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND, FAILED_PRECONDITION, PERMISSION_DENIED as above, or the hub refused it.</exception>
    public virtual async Task<IncidentMessage> TransitionAsync(string owner, string id, IncidentState state, string? note = null, string? assignTo = null, IncidentKey? mergedInto = null, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(owner, id, cancellationToken).ConfigureAwait(false);
        if (IncidentLifecycle.AllowedAfter(current.Incident.State) is var allowed && !allowed.Contains(state))
        {
            // The hub would refuse it the same way; saying so first beats a validation error about what the state needs.
            throw new CityRiskException(StatusCode.FailedPrecondition,
                $"incident '{id}' is {current.Incident.State}; from there it may become {(allowed.Count == 0 ? "nothing (it is final)" : string.Join(", ", allowed))}, not {state}.");
        }

        var now = Calls.Pipeline.Time.GetLocalNow();
        var next = IncidentLifecycle.Step(current.Incident, state, Calls.Pipeline.Credential.PartnerId, now < current.Incident.UpdatedAt ? current.Incident.UpdatedAt : now, note, assignTo, mergedInto);
        return await PublishRevisionAsync(next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes a revision you built (<see cref="IncidentLifecycle.Step"/> and <c>with</c> for new casualties or a
    /// corrected description): revision n+1 after n, taken by the credential's partner.
    /// </summary>
    /// <param name="revision">The revision; its <see cref="Incident.UpdatedBy"/> is the credential's partner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revision as published.</returns>
    /// <exception cref="ArgumentException">The revision is under 2, or not taken by the credential's partner.</exception>
    /// <exception cref="CityRiskException">The revision has problems, is stale or illegal (FAILED_PRECONDITION), not yours to take (PERMISSION_DENIED), or the hub refused it.</exception>
    public virtual async Task<IncidentMessage> PublishRevisionAsync(Incident revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (revision.Revision < 2 || revision.UpdatedBy != Calls.Pipeline.Credential.PartnerId)
        {
            throw new ArgumentException(revision.Revision < 2
                ? $"A step is revision 2 or more, not {revision.Revision}; use ReportAsync for the report."
                : $"You are '{Calls.Pipeline.Credential.PartnerId}'; a step you publish says so in UpdatedBy, not '{revision.UpdatedBy}'.", nameof(revision));
        }

        var (result, envelope) = await Calls.PublishAsync(revision, IncidentEnvelope.Create, "IncidentClient.PublishRevision", cancellationToken).ConfigureAwait(false);
        return new IncidentMessage(result.Cursor, revision, [.. envelope.RestrictionRoles], [.. envelope.Recipients]);
    }

    /// <summary>Gets an incident's latest revision.</summary>
    /// <param name="owner">The owner (reporter).</param>
    /// <param name="id">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident as the hub holds it.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is no such incident or the caller may not see it.</exception>
    public virtual Task<IncidentMessage> GetAsync(string owner, string id, CancellationToken cancellationToken = default) =>
        Calls.GetAsync(owner, id, "IncidentClient.Get", cancellationToken);

    /// <summary>Every revision of an incident, oldest first: its case file (who took each step, when and why).</summary>
    /// <param name="owner">The owner (reporter).</param>
    /// <param name="id">The incident's id.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The revisions the caller may see, oldest first; empty when there is no such incident or it may see none.</returns>
    public virtual async Task<IReadOnlyList<IncidentMessage>> GetHistoryAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var filter = new Filter { Kinds = { DocumentKinds.Incident }, IncludeSuperseded = true, Entities = { EntityMessages.Key(DocumentKinds.Incident, owner, id) } };
        var revisions = new List<IncidentMessage>();
        await foreach (var revision in Calls.QueryAsync(filter, "IncidentClient.GetHistory", cancellationToken).ConfigureAwait(false))
        {
            revisions.Add(revision);
        }

        return revisions;
    }

    /// <summary>The incidents that match and that the caller may see, oldest first, fetched a page at a time as they are enumerated; each incident's latest revision unless the history is asked for.</summary>
    /// <param name="query">What to select; null for every incident's latest revision.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The results, enumerable as items or as pages.</returns>
    public virtual CityRiskPageable<IncidentMessage> QueryAsync(IncidentQuery? query = null, CancellationToken cancellationToken = default)
    {
        var filter = ToWire(query?.Filter);
        filter.IncludeSuperseded = query?.IncludeHistory ?? false;
        return Calls.QueryAsync(filter, "IncidentClient.Query", cancellationToken);
    }

    /// <summary>Every revision (every step) of the incidents that match, as they are published (or replayed from a start or checkpoint), each exactly once and in cursor order; reconnects after breaks.</summary>
    /// <param name="options">Filter, start and checkpoint; null for every incident from now.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The revisions, as they come.</returns>
    /// <exception cref="ArgumentException">A checkpoint store without a name.</exception>
    public virtual IAsyncEnumerable<IncidentMessage> SubscribeAsync(IncidentSubscribeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IncidentSubscribeOptions();
        return Calls.SubscribeAsync(ToWire(options.Filter), options.Start, options.Name, options.CheckpointStore, "IncidentClient.Subscribe", cancellationToken);
    }

    /// <summary>
    /// Statistics for a division and its sub-divisions over a period: reported, closed, closure rate, median and
    /// 90th-percentile time to close, open cases and old open cases, over the incidents the caller may see.
    /// </summary>
    /// <param name="query">What to count.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The whole division and each sub-division.</returns>
    /// <exception cref="CityRiskException">INVALID_ARGUMENT naming a bad field, or UNIMPLEMENTED on a hub whose store keeps no incident index.</exception>
    public virtual async Task<IncidentStatisticsReport> GetStatisticsAsync(IncidentStatisticsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var activity = ClientPipeline.StartActivity("IncidentClient.GetStatistics");
        var request = new IncidentStatisticsRequest
        {
            Jurisdiction = query.Jurisdiction,
            ReportedFrom = ObservationMessages.FormatTime(query.ReportedFrom),
            ReportedTo = ObservationMessages.FormatTime(query.ReportedTo),
            OpenOlderThanDays = (uint)Math.Max(1, Math.Round(query.OpenOlderThan.TotalDays)),
            AsOf = query.AsOf is { } asOf ? ObservationMessages.FormatTime(asOf) : string.Empty,
        };
        request.EventTypes.AddRange(query.Types ?? []);
        request.Grades.AddRange((query.Grades ?? []).Select(g => g.ToString()));
        var response = await Calls.Pipeline.UnaryAsync("GetIncidentStatistics", static (e, r, o) => e.GetIncidentStatisticsAsync(r, o), request, cancellationToken).ConfigureAwait(false);
        return new IncidentStatisticsReport(FromWire(response.Total), [.. response.Subdivisions.Select(FromWire)],
            ObservationMessages.TryParseTime(response.AsOf, out var at) ? at : throw new CityRiskException(StatusCode.Internal, $"The hub answered as_of '{response.AsOf}', not an RFC 3339 date-time."));
    }

    private static IncidentCountsReport FromWire(IncidentCounts? counts) => counts is null
        ? throw new CityRiskException(StatusCode.Internal, "The hub answered statistics without the division's counts.")
        : new(counts.Jurisdiction, (long)counts.Reported, (long)counts.Closed, (long)counts.Rejected, (long)counts.Merged, (long)counts.Open, counts.ClosureRate,
            counts.HasMedianSecondsToClose ? TimeSpan.FromSeconds(counts.MedianSecondsToClose) : null, counts.HasP90SecondsToClose ? TimeSpan.FromSeconds(counts.P90SecondsToClose) : null, (long)counts.OpenOlderThan);

    /// <summary>The incident's attributes, as IncidentEnvelope derives them (docs/protocol.md §4.2.1).</summary>
    private Filter ToWire(IncidentFilter? filter) => Calls.Filter(filter?.Jurisdictions, filter?.Area,
        ("state", filter?.States?.Select(s => s.ToString())),
        ("type", filter?.Types),
        ("category", filter?.Categories),
        ("grade", filter?.Grades?.Select(g => g.ToString())),
        ("domain", filter?.Domains?.Select(d => d.ToString())),
        ("assigned_to", filter?.AssignedTo));
}
