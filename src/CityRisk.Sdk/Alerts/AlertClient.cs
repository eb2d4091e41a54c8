using System.Globalization;
using System.Runtime.CompilerServices;
using CityRisk.Client;
using CityRisk.Json;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Problem = CityRisk.Problems.Problem;
using ProblemSeverity = CityRisk.Problems.ProblemSeverity;
using PublishResult = CityRisk.Client.PublishResult;
using WireFilter = CityRisk.Protocol.V1.Filter;
using Grpc.Core;

namespace CityRisk.Alerts;

/// <summary>
/// Alerts on a hub: publish (an <see cref="Alert"/> or a CAP / CityRisk JSON document), get, query and subscribe.
/// Get it from <see cref="CityRiskClient.Alerts"/>. Thread-safe; keeps no per-call state.
/// </summary>
public class AlertClient
{
    private readonly ClientPipeline? _pipeline;

    /// <summary>For mocking.</summary>
    protected AlertClient()
    {
    }

    internal AlertClient(ClientPipeline pipeline) => _pipeline = pipeline;

    private ClientPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This AlertClient was made for mocking and is not connected to a hub.");

    /// <summary>
    /// Publishes an alert as the credential's partner. The alert is validated first (unless the options turn that
    /// off), and its envelope derived from it; a retry after a lost reply comes back as a duplicate.
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <param name="options">Its audience (restriction roles, recipients) and format; null for a Public alert as CityRisk JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">The alert has problems (INVALID_ARGUMENT with every one), or the hub refused it.</exception>
    /// <exception cref="ArgumentException">Options that contradict the alert (roles for an alert that is not Restricted ...).</exception>
    public virtual async Task<PublishResult> PublishAsync(Alert alert, AlertPublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        options ??= new AlertPublishOptions();
        using var activity = ClientPipeline.StartActivity("AlertClient.Publish");
        alert = WithRecipients(alert, options.Recipients);
        if (options.Format is not (DocumentFormat.CapXml or DocumentFormat.CityRiskJson))
        {
            throw new ArgumentException($"Format {options.Format} is not one an alert can be sent in; use CityRiskJson or CapXml.", nameof(options));
        }

        var codec = Pipeline.Options.Codecs.Get<Alert>(options.Format);
        var written = codec.Write(alert, Pipeline.Options.ValidateBeforePublish);
        ThrowIfInvalid(written.Problems, "The alert");
        return await SendAsync(alert, written.Value!, codec, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes a CAP (1.0, 1.1 or 1.2) or CityRisk JSON alert document exactly as given: its bytes are the payload,
    /// so a signed CAP document keeps its signature.
    /// </summary>
    /// <param name="document">The document's bytes.</param>
    /// <param name="options">Its audience (restriction roles, recipients); the format is the document's own.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">The document cannot be read or has problems (INVALID_ARGUMENT with every one), or the hub refused it.</exception>
    /// <exception cref="ArgumentException">Options that contradict the document.</exception>
    public virtual Task<PublishResult> PublishDocumentAsync(ReadOnlyMemory<byte> document, AlertPublishOptions? options = null, CancellationToken cancellationToken = default) =>
        PublishDocumentAsync(Pipeline.Options.Codecs.Read<Alert>(document, Pipeline.Options.ValidateBeforePublish), options, cancellationToken);

    /// <summary>
    /// Publishes an alert document already read (by <see cref="DocumentCodecs.Read{T}"/>) exactly as its bytes are,
    /// without reading it again. It is validated first when it was read without validation, unless the options
    /// turn that off.
    /// </summary>
    /// <param name="document">The document and what reading it gave.</param>
    /// <param name="options">Its audience (restriction roles, recipients); the format is the document's own.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, and whether the hub already had it.</returns>
    /// <exception cref="CityRiskException">The document could not be read or has errors (INVALID_ARGUMENT with every problem), or the hub refused it.</exception>
    /// <exception cref="ArgumentException">Options that contradict the document.</exception>
    public virtual async Task<PublishResult> PublishDocumentAsync(ParsedDocument<Alert> document, AlertPublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new AlertPublishOptions();
        using var activity = ClientPipeline.StartActivity("AlertClient.PublishDocument");
        if (document.Value is not { } alert || document.Codec is not { } codec)
        {
            throw Invalid("The document cannot be read as an alert; nothing was sent.", document.Problems);
        }

        if (Pipeline.Options.ValidateBeforePublish)
        {
            ThrowIfInvalid(document.Validated ? document.Problems : [.. document.Problems, .. AlertValidator.Validate(alert)], "The document");
        }

        if (options.Recipients.Count > 0 && !AlertEnvelope.SameSet(options.Recipients, alert.Addresses ?? []))
        {
            throw new ArgumentException(
                $"The recipients ({string.Join(" ", options.Recipients)}) differ from the document's addresses ({string.Join(" ", alert.Addresses ?? [])}); a document is sent as it is, so put them in <addresses>.",
                nameof(options));
        }

        return await SendAsync(alert, document.Bytes.ToArray(), codec, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets an alert by its publisher and identifier.</summary>
    /// <param name="sender">The publishing partner's id (<c>foshan-em</c>).</param>
    /// <param name="id">The alert's CAP identifier.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alert as the hub holds it.</returns>
    /// <exception cref="CityRiskException">NOT_FOUND when there is no such alert or the caller may not see it (the hub never tells the two apart).</exception>
    public virtual async Task<AlertMessage> GetAsync(string sender, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var activity = ClientPipeline.StartActivity("AlertClient.Get");
        var response = await Pipeline.UnaryAsync("Get", static (e, r, o) => e.GetAsync(r, o), new GetRequest { Message = new MessageRef { Sender = sender, Id = id } }, cancellationToken).ConfigureAwait(false);
        if (response.Envelope?.Kind != DocumentKinds.Alert)
        {
            throw new CityRiskException(StatusCode.NotFound, $"'{sender}' has no alert '{id}' (the message is a {response.Envelope?.Kind ?? "nothing"}).");
        }

        return ToMessage((long)response.Cursor, response.Envelope, Pipeline.Options.Codecs);
    }

    /// <summary>
    /// The alerts the hub holds that match a query and that the caller may see, oldest first, fetched a page at a
    /// time as they are enumerated. By default the current state: expired and superseded alerts are left out.
    /// </summary>
    /// <param name="query">What to select; null for every current alert.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The results, enumerable as items or as pages.</returns>
    public virtual CityRiskPageable<AlertMessage> QueryAsync(AlertQuery? query = null, CancellationToken cancellationToken = default)
    {
        var filter = ToWire(query?.Filter);
        filter.IncludeExpired = query?.IncludeExpired ?? false;
        filter.IncludeSuperseded = query?.IncludeSuperseded ?? false;
        var pipeline = Pipeline;
        return new FunctionPageable<AlertMessage>(async (token, pageSize, cancel) =>
        {
            using var activity = ClientPipeline.StartActivity("AlertClient.Query");
            var request = new QueryRequest { Filter = filter, PageToken = token ?? string.Empty, PageSize = (uint)(pageSize ?? 0) };
            var response = await pipeline.UnaryAsync("Query", static (e, r, o) => e.QueryAsync(r, o), request, cancel).ConfigureAwait(false);
            return new CityRiskPage<AlertMessage>(
                [.. response.Items.Select(item => ToMessage((long)item.Cursor, item.Envelope, pipeline.Options.Codecs))],
                response.NextPageToken.Length == 0 ? null : response.NextPageToken);
        }, cancellationToken);
    }

    /// <summary>
    /// The alerts that match, as they are published (or replayed from a start or checkpoint), each exactly once and in
    /// cursor order: the subscription reconnects after breaks and drops what it already delivered. It ends only when
    /// cancelled, or with a <see cref="CityRiskException"/> a reconnection cannot cure (a refused credential, an
    /// invalid filter, a cursor from another hub).
    /// </summary>
    /// <param name="options">Filter, start, and the checkpoint of a named subscription; null for every alert from now.</param>
    /// <param name="cancellationToken">Ends the subscription.</param>
    /// <returns>The alerts, as they come.</returns>
    /// <exception cref="ArgumentException">A checkpoint store without a name.</exception>
    public virtual IAsyncEnumerable<AlertMessage> SubscribeAsync(AlertSubscribeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AlertSubscribeOptions();
        if (options.CheckpointStore is not null && string.IsNullOrWhiteSpace(options.Name))
        {
            throw new ArgumentException("A subscription with a checkpoint store needs a Name to keep its checkpoint under.", nameof(options));
        }

        var subscription = new ResumableSubscription(Pipeline, ToWire(options.Filter), options.Start ?? SubscriptionStart.FromNow, options.Name, options.CheckpointStore, "AlertClient.Subscribe");
        return Deliveries(subscription, Pipeline.Options.Codecs, cancellationToken);
    }

    private static async IAsyncEnumerable<AlertMessage> Deliveries(ResumableSubscription subscription, DocumentCodecs codecs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var delivery in subscription.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ToMessage((long)delivery.Cursor, delivery.Envelope, codecs);
        }
    }

    private async Task<PublishResult> SendAsync(Alert alert, byte[] payload, DocumentCodec codec, AlertPublishOptions options, CancellationToken cancellationToken)
    {
        var roles = options.RestrictionRoles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToList();
        if (alert.Scope == AlertScope.Restricted && roles.Count == 0)
        {
            throw Invalid("A Restricted alert needs restriction roles.", [Problem.Error(ProblemCodes.EnvelopeMismatch, "restriction_roles",
                "A Restricted message needs restriction roles (role names or partner:<id>) naming who may see it.")]);
        }

        if (alert.Scope != AlertScope.Restricted && roles.Count > 0)
        {
            throw new ArgumentException($"Restriction roles were given for a {alert.Scope} alert; they apply only to Restricted ones.", nameof(options));
        }

        var envelope = AlertEnvelope.Create(alert, Pipeline.Credential.PartnerId, payload, codec.MediaType, roles);
        var response = await Pipeline.UnaryAsync("Publish", static (e, r, o) => e.PublishAsync(r, o), new PublishRequest { Envelope = envelope }, cancellationToken).ConfigureAwait(false);
        return new PublishResult(envelope.Sender, envelope.Id, (long)response.Cursor, response.Duplicate, ProblemsTrailer.FromMessage(response.Warnings));
    }

    private static Alert WithRecipients(Alert alert, IReadOnlyList<string> recipients)
    {
        if (recipients.Count == 0)
        {
            return alert;
        }

        if (alert.Scope != AlertScope.Private)
        {
            throw new ArgumentException($"Recipients were given for a {alert.Scope} alert; they apply only to Private ones.", nameof(recipients));
        }

        if (recipients.Any(r => !PartyId.TryParse(r, out _)))
        {
            throw new ArgumentException($"Every recipient must be a partner id; got: {string.Join(", ", recipients)}.", nameof(recipients));
        }

        var addresses = alert.Addresses ?? [];
        if (addresses.Count == 0)
        {
            return alert with { Addresses = [.. recipients.Distinct(StringComparer.Ordinal)] };
        }

        return AlertEnvelope.SameSet(recipients, addresses)
            ? alert
            : throw new ArgumentException($"The recipients ({string.Join(" ", recipients)}) differ from the alert's addresses ({string.Join(" ", addresses)}).", nameof(recipients));
    }

    private static void ThrowIfInvalid(IReadOnlyList<Problem> problems, string what)
    {
        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        if (errors > 0)
        {
            throw Invalid($"{what} has {errors} error(s); nothing was sent.", problems);
        }
    }

    private static CityRiskException Invalid(string message, IReadOnlyList<Problem> problems) => new(StatusCode.InvalidArgument, message, problems);

    internal static AlertMessage ToMessage(long cursor, Envelope envelope, DocumentCodecs codecs)
    {
        var codec = codecs.FindByMediaType(envelope.ContentType) as DocumentCodec<Alert>;
        // The hub validated it on publish; reading only needs the alert (its structure is still checked).
        var read = codec?.Read(envelope.Payload.Memory, validate: false);
        if (read?.Value is not { } alert)
        {
            throw new CityRiskException(StatusCode.Internal,
                $"The hub returned {envelope.Sender}/{envelope.Id} (cursor {cursor.ToString(CultureInfo.InvariantCulture)}) with a payload that cannot be read as an alert ({envelope.ContentType}).",
                read?.Problems ?? []);
        }

        return new AlertMessage(cursor, envelope.Sender, alert, codec!.Format, [.. envelope.RestrictionRoles], [.. envelope.Recipients]);
    }

    private static WireFilter ToWire(AlertFilter? filter)
    {
        var wire = new WireFilter { Kinds = { DocumentKinds.Alert } };
        if (filter is null)
        {
            return wire;
        }

        wire.Senders.AddRange(filter.Senders ?? []);
        wire.Jurisdictions.AddRange(filter.Jurisdictions ?? []);
        if (filter.MinSeverity is { } severity)
        {
            wire.MinSeverity = AlertEnvelope.ToWire(severity);
        }

        if (filter.MinLevel is { } level)
        {
            wire.MinLevel = AlertEnvelope.ToWire(level);
        }

        if (filter.Area is { } area)
        {
            wire.Area = area.ToWire();
        }

        return wire;
    }
}
