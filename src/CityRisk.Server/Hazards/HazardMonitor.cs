using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Hazard = CityRisk.Hazards.Hazard;
using Observation = CityRisk.Hazards.Observation;
using Problem = CityRisk.Problems.Problem;
using ProblemSeverity = CityRisk.Problems.ProblemSeverity;
using WarningLevel = CityRisk.WarningLevel;
using ObservationQuality = CityRisk.Hazards.ObservationQuality;
using WireError = CityRisk.Protocol.V1.Error;
using WireObservation = CityRisk.Protocol.V1.Observation;

namespace CityRisk.Server.Hazards;

/// <summary>
/// Monitoring on the hub (docs/hazards.md, "On the hub"): records hazards' observations a batch at a time, each row
/// acknowledged or refused on its own; judges the recorded ones with each hazard's evaluator in the same store
/// transaction that keeps them, so nothing acknowledged is lost or judged twice across a hub kill; and publishes the
/// warnings a change of status calls for, as the monitor partner, before answering. Warnings decided but not yet
/// published when the hub stopped are published when it starts again.
/// </summary>
internal sealed partial class HazardMonitor : IDisposable
{
    public const int MaxBatch = 5000;
    public const int DefaultObservationPage = 1000;
    public const int MaxObservationPage = 10_000;

    /// <summary>The most rows one group commit writes.</summary>
    private const int MaxGroupRows = 2_000;

    private static readonly CapAlertCodec Cap = new();

    private readonly ExchangeService _exchange;
    private readonly IExchangeStore _log;
    private readonly IObservationStore? _store;
    private readonly Partner? _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExchangeTelemetry? _telemetry;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Threading.Channels.Channel<PendingRecord> _queue = System.Threading.Channels.Channel.CreateUnbounded<PendingRecord>(new() { SingleReader = true });
    private Task? _writer;
    private readonly Dictionary<(string Owner, string Id), MonitorState> _states = [];
    /// <summary>Each indicator's status as of the last commit, readable by any call without the writer's gate (see <see cref="MayChangeStatus"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Owner, string Id), IReadOnlyDictionary<string, IndicatorEvaluatorState>> _committed = new();
    private readonly Dictionary<(string Owner, string Id), (Hazard Hazard, Envelope Envelope)> _hazards = [];
    private readonly Lock _hazardsLock = new();

    /// <param name="exchange">The exchange, to authenticate callers and publish warnings through its checks.</param>
    /// <param name="log">The log, to read hazards.</param>
    /// <param name="publisher">The partner warnings are published as (with a CAP sender); null to evaluate without publishing.</param>
    /// <param name="time">The clock: warnings' sent times, readings from the future.</param>
    /// <param name="logger">Where publishing failures are logged.</param>
    /// <param name="telemetry">The hub's meter: observations by outcome, warnings by action, group commits.</param>
    public HazardMonitor(ExchangeService exchange, IExchangeStore log, Partner? publisher, TimeProvider time, ILogger logger, ExchangeTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        _exchange = exchange;
        _log = log;
        _store = log as IObservationStore;
        _publisher = publisher;
        _time = time;
        _logger = logger;
        exchange.EntityPublished += Forget;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer?.Wait(TimeSpan.FromSeconds(10));
        _gate.Dispose();
    }

    private void EnsureWriter(IObservationStore store)
    {
        if (_writer is null)
        {
            lock (_queue)
            {
                _writer ??= Task.Run(() => WriteAsync(store));
            }
        }
    }

    /// <summary>
    /// The single writer: takes every call waiting (up to <see cref="MaxGroupRows"/> rows), writes their rows and
    /// evaluations in one store transaction, publishes the warnings they decided, then answers each call. One
    /// transaction (one fsync) for many calls is what lets ingest keep up with many concurrent senders.
    /// </summary>
    private async Task WriteAsync(IObservationStore store)
    {
        var waiting = new List<PendingRecord>();
        var group = new List<PendingRecord>();
        while (waiting.Count > 0 || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var next))
            {
                waiting.Add(next);
            }

            RecordGroups.Take(waiting, group, MaxGroupRows);
            var rowCount = group.Sum(g => g.Rows);
            await _gate.WaitAsync().ConfigureAwait(false);
            var started = _time.GetTimestamp();
            using var activity = ExchangeTelemetry.ActivitySource.StartActivity("HazardMonitor.Write");
            activity?.SetTag("cityrisk.calls", group.Count);
            activity?.SetTag("cityrisk.observations", rowCount);
            try
            {
                var accepted = group.SelectMany(g => g.Accepted).ToList();
                var touched = new Dictionary<(string Owner, string Id), MonitorState>();
                var rows = accepted.Select(a => ToStored(a.Observation)).ToList();
                var preloaded = await LoadStatesAsync(store, accepted.Select(a => (a.Hazard.Owner, a.Hazard.Id)).Distinct(), CancellationToken.None).ConfigureAwait(false);
                var now = group[^1].Now;
                var stored = await store.RecordObservationsAsync(rows, recorded =>
                {
                    touched.Clear();
                    return Evaluate(accepted, recorded, preloaded, touched, now);
                }, CancellationToken.None).ConfigureAwait(false);

                // Committed: the copies become the states, and the warnings they decided go out before the answers.
                foreach (var (key, state) in touched)
                {
                    Remember(key, state);
                }

                foreach (var (key, state) in touched)
                {
                    if (state.Pending.Count > 0)
                    {
                        await PublishPendingAsync(key, CancellationToken.None).ConfigureAwait(false);
                    }
                }

                var offset = 0;
                foreach (var call in group)
                {
                    call.Done.TrySetResult([.. stored.Skip(offset).Take(call.Accepted.Count)]);
                    offset += call.Accepted.Count;
                }

                _telemetry?.GroupRows.Record(rowCount);
                _telemetry?.GroupDuration.Record(_time.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                LogWriteFailed(_logger, ex, group.Count, rowCount);
                foreach (var call in group)
                {
                    call.Done.TrySetException(ExchangeService.Fail(StatusCode.Unavailable, "The hub could not store the observations; nothing of this call was acknowledged. Send them again."));
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>
    /// Whether a row may change its indicator's status, judged against the status at the last commit: its level by the
    /// thresholds alone differs from that status (<see cref="IndicatorEvaluator.CrossedLevel"/>). A scheduling hint
    /// only (the evaluator decides), so a stale or unknown status (taken as Normal) costs at most a queue position.
    /// </summary>
    private bool MayChangeStatus(Observation observation, Hazard hazard)
    {
        if (observation.Quality == ObservationQuality.Bad || IndicatorOf(hazard, observation.IndicatorId) is not { } indicator)
        {
            return false;
        }

        var status = _committed.TryGetValue((hazard.Owner, hazard.Id), out var indicators) && indicators.TryGetValue(indicator.Id, out var state) ? state.Status : null;
        return IndicatorEvaluator.CrossedLevel(indicator, observation.Value) != status;
    }

    /// <summary>A hazard's indicator by id, or null; a loop, as it runs for every row.</summary>
    private static Indicator? IndicatorOf(Hazard hazard, string id)
    {
        foreach (var indicator in hazard.Indicators)
        {
            if (indicator.Id == id)
            {
                return indicator;
            }
        }

        return null;
    }

    /// <summary>Publishes the warnings decided before the hub last stopped. Called once at start.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var record in await _store.ListPendingWarningsAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (record.HazardOwner, record.HazardId);
                Remember(key, MonitorState.Deserialize(record.State));
                await PublishPendingAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RecordObservationsResponse> RecordObservationsAsync(RecordObservationsRequest request, ServerCallContext context)
    {
        var caller = _exchange.Authenticate(context);
        var store = _store ?? throw ExchangeService.Fail(StatusCode.FailedPrecondition, "This hub's store keeps no observations (it does not implement IObservationStore); use the SQLite or in-memory store.");
        if (request.Observations.Count > MaxBatch)
        {
            throw ExchangeService.Fail(StatusCode.ResourceExhausted, $"{request.Observations.Count} observations in one call; at most {MaxBatch}. Send them in smaller batches.");
        }

        var cancellationToken = context.CancellationToken;
        var results = new ObservationResult?[request.Observations.Count];
        var accepted = new List<(int Index, Observation Observation, Hazard Hazard)>(request.Observations.Count);
        var now = _time.GetUtcNow();
        // A batch is usually about a few hazards: look each up once.
        var hazards = new Dictionary<(string Owner, string Id), (Hazard Hazard, Envelope Envelope)?>();
        for (var i = 0; i < request.Observations.Count; i++)
        {
            var (observation, hazard, error) = await CheckAsync(caller, request.Observations[i], now, hazards, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                results[i] = new ObservationResult { Error = error };
            }
            else
            {
                accepted.Add((i, observation!, hazard!));
            }
        }

        if (accepted.Count > 0)
        {
            // Group commit: calls that arrive while a write is under way are written together in the next one.
            var work = new PendingRecord(accepted, now, accepted.Exists(a => MayChangeStatus(a.Observation, a.Hazard)));
            _queue.Writer.TryWrite(work);
            EnsureWriter(store);
            var stored = await work.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < accepted.Count; j++)
            {
                results[accepted[j].Index] = new ObservationResult { Duplicate = !stored[j] };
            }
        }

        var response = new RecordObservationsResponse();
        response.Results.AddRange(results!);
        if (_telemetry is { } telemetry)
        {
            var refused = response.Results.Count(r => r.OutcomeCase == ObservationResult.OutcomeOneofCase.Error);
            var duplicates = response.Results.Count(r => r.OutcomeCase == ObservationResult.OutcomeOneofCase.Duplicate && r.Duplicate);
            telemetry.Observations.Add(response.Results.Count - refused - duplicates, new KeyValuePair<string, object?>("outcome", "recorded"));
            telemetry.Observations.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
            telemetry.Observations.Add(refused, new KeyValuePair<string, object?>("outcome", "refused"));
        }

        return response;
    }

    public async Task<QueryObservationsResponse> QueryObservationsAsync(QueryObservationsRequest request, ServerCallContext context)
    {
        var caller = _exchange.Authenticate(context);
        var hazard = await VisibleHazardAsync(caller, request.Hazard, context.CancellationToken).ConfigureAwait(false);
        var store = _store ?? throw ExchangeService.Fail(StatusCode.FailedPrecondition, "This hub's store keeps no observations.");
        var from = Bound(request.From, "from");
        var to = Bound(request.To, "to");

        (string, DateTimeOffset)? after = null;
        if (request.PageToken.Length > 0)
        {
            var separator = request.PageToken.IndexOf(':', StringComparison.Ordinal);
            if (separator < 1 || !long.TryParse(request.PageToken.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw ExchangeService.Fail(StatusCode.InvalidArgument, "The page token is not one this hub gave out.");
            }

            after = (request.PageToken[(separator + 1)..], new DateTimeOffset(ticks, TimeSpan.Zero));
        }

        var pageSize = request.PageSize == 0 ? DefaultObservationPage : (int)Math.Min(request.PageSize, MaxObservationPage);
        var rows = await store.QueryObservationsAsync(new ObservationQuery
        {
            HazardOwner = hazard.Owner,
            HazardId = hazard.Id,
            IndicatorId = request.IndicatorId.Length == 0 ? null : request.IndicatorId,
            From = from,
            To = to,
            After = after,
            Limit = pageSize + 1,
        }, context.CancellationToken).ConfigureAwait(false);

        var response = new QueryObservationsResponse();
        response.Observations.AddRange(rows.Take(pageSize).Select(ToWire));
        if (rows.Count > pageSize)
        {
            var last = rows[pageSize - 1];
            response.NextPageToken = string.Create(CultureInfo.InvariantCulture, $"{last.ObservedAt.UtcTicks}:{last.IndicatorId}");
        }

        return response;

        static DateTimeOffset? Bound(string text, string field) =>
            text.Length == 0 ? null
            : ObservationMessages.TryParseTime(text, out var parsed) ? parsed
            : throw ExchangeService.Fail(StatusCode.InvalidArgument, $"{field} '{text}' is not an RFC 3339 date-time with an offset.");
    }

    public async Task<HazardStatus> GetHazardStatusAsync(GetHazardStatusRequest request, ServerCallContext context)
    {
        var caller = _exchange.Authenticate(context);
        var hazard = await VisibleHazardAsync(caller, request.Hazard, context.CancellationToken).ConfigureAwait(false);
        var (owner, id) = (hazard.Owner, hazard.Id);
        MonitorState state;
        await _gate.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        try
        {
            state = _store is null ? new MonitorState() : (await LoadStatesAsync(_store, [(owner, id)], context.CancellationToken).ConfigureAwait(false))[(owner, id)];
        }
        finally
        {
            _gate.Release();
        }

        var status = new HazardStatus
        {
            Hazard = EntityMessages.Key(DocumentKinds.Hazard, owner, id),
            Revision = (ulong)hazard.Revision,
            Level = state.Status is { } level ? AlertEnvelope.ToWire(level) : Protocol.V1.WarningLevel.Unspecified,
            ChangedAt = state.ChangedAt is { } changed ? ObservationMessages.FormatTime(changed) : string.Empty,
        };
        foreach (var indicator in hazard.Indicators)
        {
            var indicatorState = state.Indicators.GetValueOrDefault(indicator.Id);
            status.Indicators.Add(new IndicatorStatus
            {
                IndicatorId = indicator.Id,
                Level = indicatorState?.Status is { } indicatorLevel ? AlertEnvelope.ToWire(indicatorLevel) : Protocol.V1.WarningLevel.Unspecified,
                Newest = indicatorState?.Newest is { } newest ? ObservationMessages.FormatTime(newest) : string.Empty,
            });
        }

        if (state.InForce is { } warning && _publisher is not null)
        {
            status.Warning = new MessageRef { Sender = _publisher.Id.Value, Id = warning.Identifier };
        }

        return status;
    }

    /// <summary>Reads and checks one row; a refusal is its error, never an exception.</summary>
    private async ValueTask<(Observation? Observation, Hazard? Hazard, WireError? Error)> CheckAsync(Partner caller, WireObservation message, DateTimeOffset now,
        Dictionary<(string Owner, string Id), (Hazard Hazard, Envelope Envelope)?> hazards, CancellationToken cancellationToken)
    {
        if (!ObservationMessages.TryFromWire(message, out var observation, out var wireProblems))
        {
            return (null, null, Invalid(wireProblems));
        }

        var key = (observation!.HazardOwner, observation.HazardId);
        if (!hazards.TryGetValue(key, out var found))
        {
            hazards[key] = found = await FindHazardAsync(key.HazardOwner, key.HazardId, cancellationToken).ConfigureAwait(false);
        }

        if (found is not { } hazard || !Visibility.CanSee(caller, hazard.Envelope))
        {
            // A malformed key is the caller's mistake to fix; a well-formed one that names nothing visible is NOT_FOUND.
            return ObservationValidator.Validate(observation) is { Count: > 0 } shapeProblems
                ? (null, null, Invalid(shapeProblems))
                : (null, null, new WireError { Code = (int)StatusCode.NotFound, Message = $"No hazard {observation.HazardOwner}/{observation.HazardId}." });
        }

        if (hazard.Hazard.Owner != caller.Id.Value)
        {
            return (null, null, new WireError { Code = (int)StatusCode.PermissionDenied, Message = $"You are '{caller.Id}'; only the hazard's owner '{hazard.Hazard.Owner}' records its observations." });
        }

        return ObservationValidator.Validate(observation, hazard.Hazard, now) is { Count: > 0 } problems
            ? (null, null, Invalid(problems))
            : (observation, hazard.Hazard, null);
    }

    private static WireError Invalid(IReadOnlyList<Problem> problems)
    {
        var error = new WireError
        {
            Code = (int)StatusCode.InvalidArgument,
            Message = string.Join(" ", problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{ObservationMessages.WireFieldOf(p.Path)}: {p.Message}")),
        };
        error.Problems.AddRange(problems.Select(p => ProblemsTrailer.ToMessage(p with { Path = ObservationMessages.WireFieldOf(p.Path) })));
        return error;
    }

    /// <summary>
    /// Judges the recorded rows in order on copies of their hazards' states (so a failed write leaves the states as
    /// they were), deciding a warning for each change of a hazard's status; returns the records to store.
    /// </summary>
    private List<HazardEvaluationRecord> Evaluate(List<(int Index, Observation Observation, Hazard Hazard)> accepted, IReadOnlyList<bool> recorded,
        Dictionary<(string Owner, string Id), MonitorState> states, Dictionary<(string Owner, string Id), MonitorState> touched, DateTimeOffset now)
    {
        // Each hazard's copied state with its evaluator, found by one lookup a row.
        var judging = new Dictionary<(string Owner, string Id), (MonitorState State, HazardEvaluator Evaluator)>();
        for (var j = 0; j < accepted.Count; j++)
        {
            var (_, observation, hazard) = accepted[j];
            if (!recorded[j] || observation.Quality == ObservationQuality.Bad)
            {
                continue;
            }

            ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(judging, (hazard.Owner, hazard.Id), out var exists);
            if (!exists)
            {
                var copy = states[(hazard.Owner, hazard.Id)].Clone();
                entry = (copy, new HazardEvaluator(hazard.Indicators, copy.Indicators));
            }

            var (state, evaluator) = entry;
            if (evaluator.Apply(observation.IndicatorId, observation.Reading) is not { } change)
            {
                continue;
            }

            state.Status = change.Current;
            state.ChangedAt = now;
            if (_publisher is not null && Decide(state, change, observation, now) is { } warning)
            {
                state.Pending.Add(warning);
            }
        }

        var records = new List<HazardEvaluationRecord>(judging.Count);
        foreach (var (key, (state, evaluator)) in judging)
        {
            foreach (var (indicatorId, indicatorEvaluator) in evaluator.Indicators)
            {
                state.Indicators[indicatorId] = indicatorEvaluator.State;
            }

            touched[key] = state;
            records.Add(new HazardEvaluationRecord { HazardOwner = key.Owner, HazardId = key.Id, WarningPending = state.Pending.Count > 0, State = state.Serialize() });
        }

        return records;
    }

    /// <summary>The warning a change calls for in the hazard's thread: Alert from normal, Update, or Cancel back to normal.</summary>
    private PendingWarning? Decide(MonitorState state, HazardStatusChange change, Observation cause, DateTimeOffset now)
    {
        var action = state.InForce is null ? (change.Current is null ? (HazardAlertAction?)null : HazardAlertAction.Alert)
            : change.Current is null ? HazardAlertAction.Cancel : HazardAlertAction.Update;
        if (action is not { } decided)
        {
            return null;
        }

        var sequence = ++state.WarningSequence;
        var sender = _publisher!.CapSenders[0];
        var sent = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).ToOffset(cause.ObservedAt.Offset);
        var warning = new PendingWarning
        {
            Sequence = sequence,
            Action = decided,
            Previous = change.Previous,
            Current = change.Current,
            IndicatorId = change.Cause.IndicatorId,
            IndicatorPrevious = change.Cause.Previous,
            IndicatorCurrent = change.Cause.Current,
            ObservedAt = cause.ObservedAt,
            Value = cause.Value,
            Unit = cause.Unit,
            Quality = cause.Quality,
            SensorId = cause.SensorId,
            Sent = sent,
            CapSender = sender,
            References = decided == HazardAlertAction.Alert ? null : state.Last,
        };
        var self = new WarningRef(sender, HazardWarnings.IdentifierOf(cause.HazardOwner, cause.HazardId, sequence), sent);
        state.Last = self;
        state.InForce = decided == HazardAlertAction.Cancel ? null : self;
        return warning;
    }

    /// <summary>Publishes a hazard's pending warnings in order through the exchange, then stores the state without them.</summary>
    private async Task PublishPendingAsync((string Owner, string Id) key, CancellationToken cancellationToken)
    {
        var state = _states[key];
        if (_publisher is null || await FindHazardAsync(key.Owner, key.Id, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        while (state.Pending.Count > 0)
        {
            var pending = state.Pending[0];
            var alert = Compose(found.Hazard, pending);
            var payload = Cap.Write(alert);
            if (payload.Value is null)
            {
                LogWarningNotPublished(_logger, key.Owner, key.Id, alert.Identifier, string.Join("; ", payload.Problems.Select(p => $"{p.Code} {p.Path}: {p.Message}")));
            }
            else
            {
                var envelope = AlertEnvelope.Create(alert, _publisher.Id.Value, payload.Value, Cap.MediaType, alert.Scope == AlertScope.Restricted ? HazardWarnings.RestrictionRolesOf(found.Hazard) : null);
                try
                {
                    await _exchange.PublishAsync(_publisher, envelope, cancellationToken).ConfigureAwait(false);
                    _telemetry?.Warnings.Add(1, new KeyValuePair<string, object?>("action", pending.Action.ToString()));
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
                {
                    // Published before a crash with content that has since changed (the hazard was revised): the thread stands.
                    LogWarningNotPublished(_logger, key.Owner, key.Id, alert.Identifier, ex.Status.Detail);
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied)
                {
                    LogWarningNotPublished(_logger, key.Owner, key.Id, alert.Identifier, ex.Status.Detail);
                }
            }

            state.Pending.RemoveAt(0);
            await _store!.SaveEvaluationAsync(new HazardEvaluationRecord { HazardOwner = key.Owner, HazardId = key.Id, WarningPending = state.Pending.Count > 0, State = state.Serialize() }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Alert Compose(Hazard hazard, PendingWarning pending)
    {
        var cause = new Observation
        {
            HazardOwner = hazard.Owner,
            HazardId = hazard.Id,
            IndicatorId = pending.IndicatorId,
            ObservedAt = pending.ObservedAt,
            Value = pending.Value,
            Unit = pending.Unit,
            Quality = pending.Quality,
            SensorId = pending.SensorId,
        };
        var change = new HazardStatusChange(pending.Previous, pending.Current, pending.Action,
            new IndicatorStatusChange(pending.IndicatorId, pending.IndicatorPrevious, pending.IndicatorCurrent, cause.Reading));
        var previous = pending.References is { } reference ? new AlertReference(reference.Sender, reference.Identifier, reference.Sent) : null;
        return HazardWarnings.Compose(hazard, change, cause, pending.CapSender, pending.Sent, pending.Sequence, previous);
    }

    /// <summary>Makes a committed state the hazard's current one (the writer's, under the gate) and publishes its indicators' statuses to calls.</summary>
    private void Remember((string Owner, string Id) key, MonitorState state)
    {
        _states[key] = state;
        _committed[key] = state.Indicators.ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The states of some hazards: the cached one, else the stored one, else a fresh one.</summary>
    private async Task<Dictionary<(string Owner, string Id), MonitorState>> LoadStatesAsync(IObservationStore store, IEnumerable<(string Owner, string Id)> keys, CancellationToken cancellationToken)
    {
        var states = new Dictionary<(string Owner, string Id), MonitorState>();
        foreach (var key in keys)
        {
            if (!_states.TryGetValue(key, out var state))
            {
                var record = await store.GetEvaluationAsync(key.Owner, key.Id, cancellationToken).ConfigureAwait(false);
                Remember(key, state = record is null ? new MonitorState() : MonitorState.Deserialize(record.State));
            }

            states[key] = state;
        }

        return states;
    }

    /// <summary>The hazard a request names, or INVALID_ARGUMENT / NOT_FOUND (the same for one the caller may not see).</summary>
    private async Task<Hazard> VisibleHazardAsync(Partner caller, EntityKey? key, CancellationToken cancellationToken)
    {
        if (key is null || key.Kind != DocumentKinds.Hazard || key.Owner.Length == 0 || key.Id.Length == 0)
        {
            throw ExchangeService.Fail(StatusCode.InvalidArgument, "Name the hazard: an entity key of kind 'hazard' with its owner and id.");
        }

        if (await FindHazardAsync(key.Owner, key.Id, cancellationToken).ConfigureAwait(false) is not { } found || !Visibility.CanSee(caller, found.Envelope))
        {
            throw ExchangeService.Fail(StatusCode.NotFound, "No such hazard.");
        }

        return found.Hazard;
    }

    /// <summary>A hazard's latest revision, cached until the owner publishes another.</summary>
    private async Task<(Hazard Hazard, Envelope Envelope)?> FindHazardAsync(string owner, string id, CancellationToken cancellationToken)
    {
        lock (_hazardsLock)
        {
            if (_hazards.TryGetValue((owner, id), out var cached))
            {
                return cached;
            }
        }

        var stored = await _log.GetLatestRevisionAsync(DocumentKinds.Hazard, owner, id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var envelope = Envelope.Parser.ParseFrom(stored.Envelope);
        if (_exchange.Codecs.FindByMediaType(envelope.ContentType) is not DocumentCodec<Hazard> codec || codec.Read(envelope.Payload.Memory, validate: false).Value is not { } hazard)
        {
            return null;
        }

        lock (_hazardsLock)
        {
            _hazards[(owner, id)] = (hazard, envelope);
        }

        return (hazard, envelope);
    }

    /// <summary>Drops what was cached of a hazard when its owner publishes a revision.</summary>
    private void Forget(string kind, string owner, string id)
    {
        if (kind != DocumentKinds.Hazard)
        {
            return;
        }

        lock (_hazardsLock)
        {
            _hazards.Remove((owner, id));
        }
    }

    private static StoredObservation ToStored(Observation observation) => new()
    {
        HazardOwner = observation.HazardOwner,
        HazardId = observation.HazardId,
        IndicatorId = observation.IndicatorId,
        ObservedAt = observation.ObservedAt,
        Value = observation.Value,
        Unit = observation.Unit,
        Quality = (int)observation.Quality,
        SensorId = observation.SensorId,
    };

    /// <summary>A stored row's wire form, by the one conversion clients use too (<see cref="ObservationMessages.ToWire"/>).</summary>
    private static WireObservation ToWire(StoredObservation row) => ObservationMessages.ToWire(new Observation
    {
        HazardOwner = row.HazardOwner,
        HazardId = row.HazardId,
        IndicatorId = row.IndicatorId,
        ObservedAt = row.ObservedAt,
        Value = row.Value,
        Unit = row.Unit,
        Quality = (ObservationQuality)row.Quality,
        SensorId = row.SensorId,
    });

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Calls} calls' {Rows} observations failed; each call was answered UNAVAILABLE")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int calls, int rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "The warning {Identifier} for hazard {Owner}/{Hazard} was not published: {Reason}")]
    private static partial void LogWarningNotPublished(ILogger logger, string owner, string hazard, string identifier, string reason);
}
