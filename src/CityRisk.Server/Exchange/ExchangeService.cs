using System.Globalization;
using System.Security.Cryptography;
using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Geo;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using Google.Protobuf;
using Grpc.Core;
using Problem = CityRisk.Problems.Problem;
using ProblemSeverity = CityRisk.Problems.ProblemSeverity;
using WireError = CityRisk.Protocol.V1.Error;

namespace CityRisk.Server.Exchange;

/// <summary>
/// The exchange's unary RPCs (docs/protocol.md §6): every call authenticated; Publish validates the payload, binds the
/// sender, checks the envelope against the payload and stores idempotently; Get and Query never show a message
/// outside its scope (NOT_FOUND, exactly as if it did not exist).
/// </summary>
internal sealed class ExchangeService(IExchangeStore store, PartnerRegistry partners, TimeProvider time, RecentMessages? recent = null, ExchangeTelemetry? telemetry = null, GeocodeTable? geocodes = null, DocumentCodecs? codecs = null, SecurityLog? security = null, IReadOnlyList<EntityKind>? entityKinds = null)
{
    public const string ServiceName = ExchangeMetadata.ServiceName;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    // Bounds the rows one Query call reads when a filter matches little; the page token lets the client go on.
    private const int MaxRowsScannedPerQuery = 5000;

    /// <summary>The entity kinds a hub handles unless given others, each through the same entity rules.</summary>
    private static readonly EntityKind[] DefaultEntityKinds =
    [
        new HazardEntityKind(), new IncidentEntityKind(), new Resources.ResourceEntityKind(), new Resources.ResourceRequestEntityKind(),
        new Resources.ResourceOfferEntityKind(), new Resources.ResourceCommitmentEntityKind(), new Resources.ResourceStatusReportEntityKind(),
        new Resources.ResourceReleaseEntityKind(), new Enterprises.EnterpriseProfileEntityKind(), new Enterprises.EnterpriseGrantEntityKind(),
    ];

    private readonly IReadOnlyList<EntityKind> _entityKinds = entityKinds ?? DefaultEntityKinds;

    /// <summary>The kinds this hub has contracts for; the others of the standard are refused with this list.</summary>
    public IReadOnlyList<string> SupportedKinds => [DocumentKinds.Alert, .. _entityKinds.Select(k => k.Kind)];

    /// <summary>The key under which an authenticated call keeps its partner, for the security log.</summary>
    private const string PartnerKey = "cityrisk.partner";

    /// <summary>
    /// One span per RPC (<c>Exchange.Method</c>), a refusal count per status, and a security log event for the
    /// refusals operators must see: PERMISSION_DENIED (sender spoofing, an unregistered CAP sender), INVALID_ARGUMENT
    /// (with the problem codes: a refused DTD shows as XML-DTD-PROHIBITED), RESOURCE_EXHAUSTED, ALREADY_EXISTS,
    /// FAILED_PRECONDITION and OUT_OF_RANGE. NOT_FOUND is ordinary traffic; UNAUTHENTICATED has its own event.
    /// </summary>
    internal async Task<T> Observe<T>(string method, ServerCallContext context, Task<T> call)
    {
        context.UserState[TransportRefusalLogging.HandledKey] = true;
        using var activity = ExchangeTelemetry.ActivitySource.StartActivity($"Exchange.{method}", System.Diagnostics.ActivityKind.Server);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.StatusCode.ToString());
            telemetry?.Refusals.Add(1, new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)ex.StatusCode), new KeyValuePair<string, object?>("rpc.method", method));
            LogRefusal(method, context, ex);
            throw;
        }
    }

    /// <summary>
    /// Adds ENVELOPE-AUDIENCE-UNKNOWN warnings for restriction roles no registered partner holds and recipients that
    /// are not registered partners: the message is stored, but as it stands it may reach nobody.
    /// </summary>
    private PublishResponse WithAudienceWarnings(PublishResponse response, Envelope envelope)
    {
        for (var i = 0; i < envelope.RestrictionRoles.Count; i++)
        {
            var role = envelope.RestrictionRoles[i];
            var (known, what) = role.StartsWith(Visibility.PartnerReferencePrefix, StringComparison.Ordinal)
                ? (partners.Find(role[Visibility.PartnerReferencePrefix.Length..]) is not null, "has the id in")
                : role.StartsWith(Visibility.GroupReferencePrefix, StringComparison.Ordinal)
                    ? (partners.Partners.Any(p => p.IsInGroup(role[Visibility.GroupReferencePrefix.Length..])), "belongs to the group")
                    : (partners.AnyHolds(role), "holds the role");
            if (!known)
            {
                response.Warnings.Add(ProblemsTrailer.ToMessage(Problem.Warning(ProblemCodes.EnvelopeAudienceUnknown, $"restriction_roles[{i}]",
                    $"No registered partner {what} '{role}'; the message is stored, but only the partners it names can see it.")));
            }
        }

        for (var i = 0; i < envelope.Recipients.Count; i++)
        {
            if (partners.Find(envelope.Recipients[i]) is null)
            {
                response.Warnings.Add(ProblemsTrailer.ToMessage(Problem.Warning(ProblemCodes.EnvelopeAudienceUnknown, $"recipients[{i}]",
                    $"'{envelope.Recipients[i]}' is not a registered partner; the message is stored, but it cannot reach that recipient until one registers with that id.")));
            }
        }

        if (response.Warnings.Count > 0)
        {
            security?.AudienceUnknown(envelope.Sender, envelope.Id, string.Join(", ", response.Warnings.Select(w => w.Path)));
        }

        return response;
    }

    private void LogRefusal(string method, ServerCallContext context, RpcException refused)
    {
        if (security is null || refused.StatusCode is not (StatusCode.PermissionDenied or StatusCode.InvalidArgument or StatusCode.ResourceExhausted
            or StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.OutOfRange))
        {
            return;
        }

        var reason = refused is ExchangeRefusal { Problems.Count: > 0 } refusal
            ? string.Join(", ", refusal.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Code).Distinct().Take(5))
            : refused.Status.Detail.Length <= 200 ? refused.Status.Detail : refused.Status.Detail[..200];
        security.CallRefused(method, refused.StatusCode, reason, context.UserState.TryGetValue(PartnerKey, out var partner) ? partner as string : null, context.Peer);
    }

    public Partner Authenticate(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue(ExchangeMetadata.Authorization);
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var result = partners.Authenticate(token, time.GetUtcNow());
        if (result.Outcome == AuthenticationOutcome.Authenticated)
        {
            context.UserState[PartnerKey] = result.Partner!.Id.Value;
            return result.Partner!;
        }

        // The reason goes to the hub's log only: telling a caller that a token was revoked or expired confirms it existed.
        security?.AuthenticationRefused(context.Method, result.Outcome, result.Partner?.Id.Value, result.CredentialId, context.Peer);
        throw result.Outcome == AuthenticationOutcome.Missing
            ? Fail(StatusCode.Unauthenticated, "No credential: send 'authorization: Bearer <token>'.")
            : Fail(StatusCode.Unauthenticated, "The credential is not valid for this hub.");
    }

    public async Task<PublishResponse> PublishAsync(PublishRequest request, ServerCallContext context)
    {
        var caller = Authenticate(context);
        return await PublishAsync(caller, request.Envelope, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task<PublishBatchResponse> PublishBatchAsync(PublishBatchRequest request, ServerCallContext context)
    {
        var caller = Authenticate(context);
        if (request.Envelopes.Count > MaxPageSize)
        {
            throw Fail(StatusCode.ResourceExhausted, $"A batch holds at most {MaxPageSize} envelopes; this one has {request.Envelopes.Count}.");
        }

        // Envelopes about different entities are independent: a run of them is published together, so their appends
        // share group commits (docs/protocol.md §6.2). Anything else (alerts, a second revision of an entity already
        // in the run) waits for what precedes it, so references and revisions within a batch see each other in order.
        var envelopes = request.Envelopes;
        var results = new PublishResult[envelopes.Count];
        for (var next = 0; next < envelopes.Count;)
        {
            var run = new List<int>();
            var keys = new HashSet<(string, string, string)>();
            while (next < envelopes.Count && envelopes[next] is { Entity: { } entity } candidate && _entityKinds.Any(k => k.Kind == candidate.Kind) && keys.Add((entity.Kind, entity.Owner, entity.Id)))
            {
                run.Add(next++);
            }

            if (run.Count == 0)
            {
                results[next] = await PublishOneAsync(caller, envelopes[next], context).ConfigureAwait(false);
                next++;
                continue;
            }

            await Parallel.ForEachAsync(run, new ParallelOptions { MaxDegreeOfParallelism = BatchParallelism, CancellationToken = context.CancellationToken }, async (index, _) =>
                results[index] = await PublishOneAsync(caller, envelopes[index], context).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var response = new PublishBatchResponse();
        response.Results.AddRange(results);
        return response;
    }

    /// <summary>How many envelopes of one batch are published at once.</summary>
    private const int BatchParallelism = 64;

    /// <summary>One envelope of a batch: its publish response, or its error with the problems.</summary>
    private async Task<PublishResult> PublishOneAsync(Partner caller, Envelope envelope, ServerCallContext context)
    {
        try
        {
            return new PublishResult { Published = await PublishAsync(caller, envelope, context.CancellationToken).ConfigureAwait(false) };
        }
        catch (RpcException ex)
        {
            LogRefusal("PublishBatch", context, ex);
            var error = new WireError { Code = (int)ex.StatusCode, Message = ex.Status.Detail };
            if (ex is ExchangeRefusal refusal)
            {
                error.Problems.AddRange(ProblemsTrailer.ToMessage(refusal.Problems).Problems_);
            }

            return new PublishResult { Error = error };
        }
    }

    public async Task<GetResponse> GetAsync(GetRequest request, ServerCallContext context)
    {
        var caller = Authenticate(context);
        var stored = request.TargetCase switch
        {
            GetRequest.TargetOneofCase.Message => await store.GetMessageAsync(request.Message.Sender, request.Message.Id, context.CancellationToken).ConfigureAwait(false),
            GetRequest.TargetOneofCase.Entity => await store.GetLatestRevisionAsync(request.Entity.Kind, request.Entity.Owner, request.Entity.Id, context.CancellationToken).ConfigureAwait(false),
            _ => throw Invalid(ProblemCodes.EnvelopeInvalid, "target", "Name a message (sender and id) or an entity (kind, owner and id)."),
        };

        var envelope = stored is null ? null : Envelope.Parser.ParseFrom(stored.Envelope);
        var visible = stored is not null && envelope is not null && (Visibility.CanSee(caller, envelope)
            || (request.TargetCase == GetRequest.TargetOneofCase.Entity && _entityKinds.FirstOrDefault(k => k.Kind == request.Entity.Kind) is { } kind
                && await kind.ReadUnderGrantAsync(store, caller, stored, envelope, time.GetUtcNow(), context.CancellationToken).ConfigureAwait(false)));
        if (!visible)
        {
            // The same answer whether it does not exist or the caller may not see it: no existence leaks.
            throw Fail(StatusCode.NotFound, "No such message or entity.");
        }

        return new GetResponse { Envelope = envelope, Cursor = (ulong)stored!.Cursor };
    }

    public async Task<QueryResponse> QueryAsync(QueryRequest request, ServerCallContext context)
    {
        var caller = Authenticate(context);
        if (MessageFilter.Problems(request.Filter) is { Count: > 0 } problems)
        {
            throw Fail(StatusCode.InvalidArgument, $"The filter is invalid: {string.Join("; ", problems)}.");
        }

        long after = 0;
        if (request.PageToken.Length > 0 && !long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw Fail(StatusCode.InvalidArgument, "The page token is not one this hub gave out.");
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : (int)Math.Min(request.PageSize, MaxPageSize);
        var filter = new MessageFilter(request.Filter);
        var now = time.GetUtcNow();
        var response = new QueryResponse();
        var scanned = 0;
        var last = await store.GetLastCursorAsync(context.CancellationToken).ConfigureAwait(false);
        // The store narrows by what it indexes (kind, sender, current); scope and the document filters apply here.
        var query = new StoreQuery
        {
            Limit = 1,
            Kinds = request.Filter?.Kinds ?? [],
            Senders = request.Filter?.Senders ?? [],
            NotExpiredAt = request.Filter?.IncludeExpired == true ? null : now,
            ExcludeSuperseded = request.Filter?.IncludeSuperseded != true,
            Entities = [.. (request.Filter?.Entities ?? []).Select(k => (k.Kind, k.Owner, k.Id))],
        };
        while (response.Items.Count < pageSize && after < last && scanned < MaxRowsScannedPerQuery)
        {
            var limit = Math.Min(500, MaxRowsScannedPerQuery - scanned);
            var batch = await store.QueryAsync(query with { AfterCursor = after, Limit = limit }, context.CancellationToken).ConfigureAwait(false);
            foreach (var stored in batch)
            {
                after = stored.Cursor;
                scanned++;
                var envelope = Envelope.Parser.ParseFrom(stored.Envelope);
                if (Visibility.CanSee(caller, envelope) && filter.Matches(stored, envelope, now, currentOnly: true) && (filter.Area is null || filter.MatchesArea(MessageFilter.ShapeOf(stored))))
                {
                    response.Items.Add(new Delivery { Cursor = (ulong)stored.Cursor, Envelope = envelope });
                    if (response.Items.Count == pageSize)
                    {
                        break;
                    }
                }
            }

            if (batch.Count < limit && response.Items.Count < pageSize)
            {
                // Nothing more matches up to the end of the log as it was read: the query is complete.
                after = Math.Max(after, last);
                break;
            }
        }

        response.NextPageToken = after < last ? after.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return response;
    }

    /// <summary>The codecs payloads are read with.</summary>
    public DocumentCodecs Codecs => codecs ?? DocumentCodecs.Default;

    /// <summary>Raised after an entity's revision is stored, with its kind, owner and id (the monitor drops what it cached of a hazard).</summary>
    public event Action<string, string, string>? EntityPublished;

    /// <summary>Publishes one envelope as an authenticated partner: the path every Publish takes, and the monitor's warnings.</summary>
    internal async Task<PublishResponse> PublishAsync(Partner caller, Envelope? envelope, CancellationToken cancellationToken)
    {
        if (envelope is null || envelope.Payload.IsEmpty)
        {
            throw Invalid(ProblemCodes.EnvelopeInvalid, "payload", "The envelope carries no payload.");
        }

        if (envelope.Sender != caller.Id.Value)
        {
            throw Fail(StatusCode.PermissionDenied, $"You are '{caller.Id}' and may publish only as yourself, not as '{envelope.Sender}'.");
        }

        if (!SupportedKinds.Contains(envelope.Kind))
        {
            throw Invalid(ProblemCodes.EnvelopeInvalid, "kind", DocumentKinds.All.Contains(envelope.Kind)
                ? $"This hub has no contract for kind '{envelope.Kind}' yet; it supports: {string.Join(", ", SupportedKinds)}."
                : $"Unknown kind '{envelope.Kind}'; the standard's kinds are {string.Join(", ", DocumentKinds.All)}, and this hub supports: {string.Join(", ", SupportedKinds)}.");
        }

        return _entityKinds.FirstOrDefault(k => k.Kind == envelope.Kind) is { } kind
            ? await PublishEntityAsync(caller, kind, envelope, cancellationToken).ConfigureAwait(false)
            : await PublishAlertAsync(caller, envelope, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PublishResponse> PublishAlertAsync(Partner caller, Envelope envelope, CancellationToken cancellationToken)
    {
        var alert = ReadDocument<Alert>(envelope);
        if (!caller.CapSenders.Contains(alert.Sender, StringComparer.Ordinal))
        {
            throw Fail(StatusCode.PermissionDenied,
                $"The CAP sender '{alert.Sender}' is not registered for '{caller.Id}' (registered: {(caller.CapSenders.Count == 0 ? "none" : string.Join(", ", caller.CapSenders))}).");
        }

        var mismatches = AlertEnvelope.Mismatches(envelope, alert);
        if (mismatches.Count > 0)
        {
            throw Refused($"The envelope disagrees with its payload: {string.Join(", ", mismatches)}.", [.. 
                mismatches.Select(field => Problem.Error(ProblemCodes.EnvelopeMismatch, field, field == "restriction_roles"
                    ? "A Restricted message needs restriction roles (role names or partner:<id>) naming who may see it."
                    : AlertEnvelope.DescribeMismatch(envelope, alert, field)))]);
        }

        var shape = GeometryBuilder.FromAlert(alert, geocodes ?? GeocodeTable.Default);
        var serialized = envelope.ToByteArray();
        var message = new StoredMessage
        {
            Sender = envelope.Sender,
            Id = envelope.Id,
            Kind = envelope.Kind,
            ContentHash = EnvelopeContent.Hash(envelope),
            Envelope = serialized,
            ExpiresAt = alert.Info.Count > 0 && alert.Info.All(i => i.Expires is not null) ? alert.Info.Max(i => i.Expires) : null,
            Geometry = shape is null ? null : GeometryBuilder.ToWkb(shape),
        };
        return await StoreAsync(envelope, message, shape, token => store.AppendAsync(message, token), cursor => SupersedeAsync(caller, alert, cursor, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An entity's revision (docs/protocol.md §3.4), the same for every kind: revision n+1 of an entity that does not
    /// exist, or that the caller may not see, is NOT_FOUND; the envelope is derived from the payload; n+1 only after
    /// n; a life-cycle state must be one the kind allows after the previous revision's; the kind says who may publish
    /// it; and the revision before it leaves the current view.
    /// </summary>
    private async Task<PublishResponse> PublishEntityAsync(Partner caller, EntityKind kind, Envelope envelope, CancellationToken cancellationToken)
    {
        if (kind.RequiredRole is { } role && !caller.HasRole(role))
        {
            throw Fail(StatusCode.PermissionDenied, $"You are '{caller.Id}'; only a partner with the role '{role}' publishes {kind.Kind}s (docs/protocol.md §3.4).");
        }

        var revision = kind.Read(ReadContract, envelope);
        if (kind.PublisherOf(revision) is var publisher && publisher != caller.Id.Value)
        {
            throw Fail(StatusCode.PermissionDenied, publisher == revision.Owner
                ? $"You are '{caller.Id}' and may publish only your own {kind.Kind}s, not one owned by '{revision.Owner}'."
                : $"You are '{caller.Id}'; the payload says revision {revision.Revision} is published by '{publisher}'. A partner publishes only its own steps.");
        }

        StoredMessage? latest = null;
        EntityRevision? previous = null;
        if (revision.Revision > 1)
        {
            (latest, var latestEnvelope) = await LatestVisibleAsync(caller, kind.Kind, revision.Owner, revision.Id, cancellationToken).ConfigureAwait(false)
                ?? throw Fail(StatusCode.NotFound, $"There is no {kind.Kind} '{revision.Id}' of '{revision.Owner}' (or you may not see it); its first revision is 1.");
            previous = latest.Revision == revision.Revision - 1 ? kind.Read(ReadContract, latestEnvelope) : null;
        }

        if (revision.Mismatches.Count > 0)
        {
            throw Refused($"The envelope disagrees with its payload: {string.Join(", ", revision.Mismatches.Select(m => m.Field))}.", [..
                revision.Mismatches.Select(m => Problem.Error(ProblemCodes.EnvelopeMismatch, m.Field, m.Why))]);
        }

        if (latest is not null && latest.Revision < revision.Revision - 1)
        {
            throw Stale(kind.Kind, revision.Id, latest.Revision);
        }

        if (revision.State is { } state && previous?.State is { } was && kind.AllowedAfter(was) is { } allowed && !allowed.Contains(state, StringComparer.Ordinal))
        {
            throw Fail(StatusCode.FailedPrecondition, $"{kind.Kind} '{revision.Id}' is {was}; from there it may become {(allowed.Count == 0 ? "nothing (it is final)" : string.Join(", ", allowed))}, not {state}.");
        }

        if (previous is not null)
        {
            kind.Authorize(caller, revision, previous);
        }

        // What the revision answers must exist and be visible to the caller, exactly as Get would say (no existence leaks).
        foreach (var (refKind, refOwner, refId) in kind.References(revision))
        {
            _ = await LatestVisibleAsync(caller, refKind, refOwner, refId, cancellationToken).ConfigureAwait(false)
                ?? throw Fail(StatusCode.NotFound, $"There is no {refKind} '{refId}' of '{refOwner}' (or you may not see it).");
        }

        // A revision the entity already has goes to the store as it is: a retry is a duplicate; the current revision
        // again with other content is ALREADY_EXISTS; an older one is stale, FAILED_PRECONDITION naming the current.
        var message = new StoredMessage
        {
            Sender = envelope.Sender,
            Id = envelope.Id,
            Kind = envelope.Kind,
            EntityId = revision.Id,
            EntityOwner = revision.Owner == envelope.Sender ? null : revision.Owner,
            Revision = revision.Revision,
            ContentHash = EnvelopeContent.Hash(envelope),
            Envelope = envelope.ToByteArray(),
            Geometry = revision.Geometry is null ? null : GeometryBuilder.ToWkb(revision.Geometry),
        };
        return await StoreAsync(envelope, message, revision.Geometry, async token =>
        {
            var result = await kind.AppendAsync(store, message, revision, envelope, time.GetUtcNow(), token).ConfigureAwait(false);

            return result.Outcome == AppendOutcome.Conflict && latest is not null && revision.Revision < latest.Revision ? AppendResult.RevisionConflict(latest.Revision) : result;
        }, async cursor =>
        {
            EntityPublished?.Invoke(kind.Kind, revision.Owner, revision.Id);
            if (previous is not null)
            {
                // Only the latest revision is in the current view; the history stays (include_superseded).
                await store.MarkSupersededAsync(latest!.Sender, latest.Id, cursor, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends a checked message, tells live subscriptions, and answers the publisher; the same for every kind.</summary>
    private async Task<PublishResponse> StoreAsync(Envelope envelope, StoredMessage message, NetTopologySuite.Geometries.Geometry? shape, Func<CancellationToken, Task<AppendResult>> append, Func<long, Task> appended, CancellationToken cancellationToken)
    {
        var result = await append(cancellationToken).ConfigureAwait(false);
        if (result.Outcome == AppendOutcome.Appended)
        {
            recent?.Add(message with { Cursor = result.Cursor, StoredAt = time.GetUtcNow() }, envelope, shape);
            await appended(result.Cursor).ConfigureAwait(false);
        }

        telemetry?.Publishes.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString().ToLowerInvariant()));
        return result.Outcome switch
        {
            AppendOutcome.Appended => WithAudienceWarnings(new PublishResponse { Cursor = (ulong)result.Cursor }, envelope),
            AppendOutcome.Duplicate => WithAudienceWarnings(new PublishResponse { Cursor = (ulong)result.Cursor, Duplicate = true }, envelope),
            AppendOutcome.Conflict => throw Fail(StatusCode.AlreadyExists, envelope.Entity is { } entity
                ? $"'{envelope.Sender}' already published revision {envelope.Revision} of {entity.Kind} '{entity.Id}' with other content (cursor {result.Cursor}); a change is the next revision."
                : $"'{envelope.Sender}' already published '{envelope.Id}' with other content (cursor {result.Cursor}); a changed message needs a new id (for an alert, an Update referencing it)."),
            _ => throw Stale(envelope.Entity?.Kind, envelope.Entity?.Id, result.CurrentRevision),
        };
    }

    /// <summary>
    /// An Update or Cancel supersedes the alerts its references name, when they are the publisher's own (a CAP
    /// sender registered for it): a partner cannot take another's alert out of the current view.
    /// </summary>
    private async Task SupersedeAsync(Partner caller, Alert alert, long cursor, CancellationToken cancellationToken)
    {
        if (alert.MessageType is not (AlertMessageType.Update or AlertMessageType.Cancel))
        {
            return;
        }

        foreach (var reference in alert.References ?? [])
        {
            if (caller.CapSenders.Contains(reference.Sender, StringComparer.Ordinal))
            {
                await store.MarkSupersededAsync(caller.Id.Value, reference.Identifier, cursor, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads an entity's payload with the codec its content type names, refusing what is invalid.</summary>
    private object ReadContract(Envelope envelope) => ReadDocument<object>(envelope);

    private T ReadDocument<T>(Envelope envelope)
        where T : class
    {
        var registered = codecs ?? DocumentCodecs.Default;
        if (registered.FindByMediaType(envelope.ContentType) is not { } found || found.Kind != envelope.Kind || (typeof(T) != typeof(object) && found is not DocumentCodec<T>))
        {
            throw Invalid(ProblemCodes.EnvelopeInvalid, "content_type",
                $"Content type '{envelope.ContentType}' is not one a{(envelope.Kind == DocumentKinds.Alert ? "n" : string.Empty)} {envelope.Kind} is read from; use one of: {string.Join(", ", registered.All.Where(c => c.Kind == envelope.Kind).Select(c => $"'{c.MediaType}'"))}.");
        }

        var read = found.ReadObject(envelope.Payload.Memory);
        if (read.HasErrors || read.Value is not T value)
        {
            var errors = read.Problems.Count(p => p.Severity == ProblemSeverity.Error);
            throw Refused($"The payload is invalid: {errors} error(s); every problem is listed with this status (the {ProblemsTrailer.Name} trailer; Error.problems in a batch).", read.Problems);
        }

        return value;
    }

    /// <summary>
    /// An entity's latest revision and its envelope when the caller may see it; null when there is none or it may not
    /// (the two are answered alike: docs/protocol.md §5.5).
    /// </summary>
    internal async Task<(StoredMessage Latest, Envelope Envelope)?> LatestVisibleAsync(Partner caller, string kind, string owner, string id, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestRevisionAsync(kind, owner, id, cancellationToken).ConfigureAwait(false);
        var envelope = latest is null ? null : Envelope.Parser.ParseFrom(latest.Envelope);
        return envelope is not null && Visibility.CanSee(caller, envelope) ? (latest!, envelope) : null;
    }

    /// <summary>FAILED_PRECONDITION naming an entity's current revision (docs/protocol.md §3.4).</summary>
    private static RpcException Stale(string? kind, string? id, long current) =>
        Fail(StatusCode.FailedPrecondition, $"{kind} '{id}': the current revision is {current}; publish revision {current + 1}.");

    private static ExchangeRefusal Invalid(string code, string path, string message) => Refused(message, [Problem.Error(code, path, message)]);

    /// <summary>INVALID_ARGUMENT with every problem, in the trailer for the wire and as they are for PublishBatch.</summary>
    private static ExchangeRefusal Refused(string message, IReadOnlyList<Problem> problems) => new(message, problems);

    /// <summary>A refusal with a status and a detail for the caller.</summary>
    internal static RpcException Fail(StatusCode code, string detail) => new(new Grpc.Core.Status(code, detail), detail);
}
