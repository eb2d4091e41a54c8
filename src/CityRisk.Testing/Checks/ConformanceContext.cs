using System.Globalization;
using System.Runtime.CompilerServices;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Json;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;

namespace CityRisk.Testing;

/// <summary>
/// What the checks run against: the endpoint, its parties, a run id that makes every message the kit publishes
/// unique (so the kit can run against a hub that holds real data), and the raw gRPC calls the checks make. The
/// checks speak the wire through the generated stub (and raw HTTP/2 where a frame must be malformed) rather than
/// through <c>CityRiskClient</c>, whose retries, validation and de-duplication would hide exactly what the kit must see.
/// </summary>
public sealed class ConformanceContext : IDisposable
{
    /// <summary>Inside the checks' areas: Foshan.</summary>
    internal static readonly GeoPolygon Inside = GeoPolygon.FromRing(new(112.9, 22.9), new(113.3, 22.9), new(113.3, 23.2), new(112.9, 23.2), new(112.9, 22.9));

    /// <summary>Far from <see cref="Inside"/>: Hefei.</summary>
    internal static readonly GeoPolygon Outside = GeoPolygon.FromRing(new(117.1, 31.7), new(117.4, 31.7), new(117.4, 31.95), new(117.1, 31.95), new(117.1, 31.7));

    private readonly IDisposable? _ownedChannel;
    private long _sequence;

    /// <summary>Prepares to run checks against an endpoint as the given parties.</summary>
    /// <param name="endpoint">The exchange: <c>http://127.0.0.1:7180</c> or <c>https://...</c>.</param>
    /// <param name="identities">The parties registered there.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) address, or the identities' CA file is not a certificate.</exception>
    public ConformanceContext(Uri endpoint, ConformanceIdentities identities)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(identities);
        Endpoint = endpoint;
        Identities = identities;
        RunId = NewRunId();
        // Room to send a message over the endpoint's declared limit (WIRE-003) and to receive anything it may send.
        var channel = CityRiskChannel.Create(endpoint, ChannelOptions(identities));
        Invoker = channel.Intercept(new CallAudit(Ledger));
        (Client, Health, _ownedChannel) = (new Exchange.ExchangeClient(Invoker), new Health.HealthClient(Invoker), channel);
    }

    /// <summary>
    /// Prepares to run checks against an exchange reached through a call invoker (one in memory, such as
    /// <c>FakeExchange.CreateCallInvoker()</c>, or a channel with interceptors). The wire checks, which need raw HTTP/2
    /// to the endpoint, do not apply to an in-memory exchange.
    /// </summary>
    /// <param name="endpoint">The exchange's address, as reports name it.</param>
    /// <param name="identities">The parties registered there.</param>
    /// <param name="invoker">Where the checks' calls go.</param>
    public ConformanceContext(Uri endpoint, ConformanceIdentities identities, CallInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(invoker);
        Endpoint = endpoint;
        Identities = identities;
        RunId = NewRunId();
        Invoker = invoker.Intercept(new CallAudit(Ledger));
        (Client, Health) = (new Exchange.ExchangeClient(invoker), new Health.HealthClient(invoker));
    }

    /// <summary>The client settings of the kit's channel and raw requests: the identities' CA, and a message limit above the endpoint's.</summary>
    internal static CityRiskClientOptions ChannelOptions(ConformanceIdentities identities) => new()
    {
        CaCertificatePath = identities.CaCertificatePath,
        MaxMessageBytes = (int)Math.Min(identities.MaxMessageBytes * 2L, 256L * 1024 * 1024),
    };

    /// <summary>A run id: the time to the second and four random digits, so parallel runs do not collide.</summary>
    private static string NewRunId() => $"{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The endpoint under test.</summary>
    public Uri Endpoint { get; }

    /// <summary>The parties.</summary>
    public ConformanceIdentities Identities { get; }

    /// <summary>Part of every id the kit publishes in this run (<c>ck-20261123174500-4711-pub-002-3</c>).</summary>
    public string RunId { get; }

    /// <summary>What the kit published in this run, against which every returned envelope is checked.</summary>
    internal PayloadLedger Ledger { get; } = new();

    /// <summary>Where the kit's calls go (for methods the stubs do not have), through the <see cref="CallAudit"/>.</summary>
    internal CallInvoker Invoker { get; }

    /// <summary>The generated stub of the exchange, over the kit's channel.</summary>
    internal Exchange.ExchangeClient Client { get; }

    /// <summary>The generated stub of grpc.health.v1.</summary>
    internal Health.HealthClient Health { get; }

    /// <summary>Closes the connections.</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    /// <summary>
    /// Why the endpoint cannot be reached at all (connection refused, TLS failure, no answer within 10 s), or null when
    /// it answers anything: a runner checks this first, so an unreachable endpoint is one clear error, not every check
    /// failing.
    /// </summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The reason, or null.</returns>
    public async Task<string?> UnreachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Health.CheckAsync(new HealthCheckRequest(), As(Identities.CityA, cancellationToken, TimeSpan.FromSeconds(10))).ConfigureAwait(false);
            return null;
        }
        catch (ConformanceTransportException ex) when (ex.InnerException is RpcException rpc)
        {
            // grpc-dotnet reports a failed TLS handshake as INTERNAL, with the HTTP failure underneath.
            return rpc.Status.DebugException is HttpRequestException http ? $"{rpc.Status.Detail} {http.InnerException?.Message}".Trim() : rpc.Status.Detail;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.DeadlineExceeded)
        {
            return ex.Status.Detail;
        }
        catch (RpcException)
        {
            // It answers; a missing or odd health service is what WIRE-005 reports.
            return null;
        }
    }

    internal string NewId(string checkId) => $"ck-{RunId}-{checkId.ToLowerInvariant()}-{Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The options of a call as a party (none: no credential), with a deadline unless <paramref name="noDeadline"/>.</summary>
    internal static CallOptions As(ConformanceParty? party, CancellationToken cancellationToken, TimeSpan? timeout = null, bool noDeadline = false) => new(
        headers: party is null ? [] : [new Metadata.Entry(ExchangeMetadata.Authorization, $"Bearer {party.Token}")],
        deadline: noDeadline ? null : DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30)),
        cancellationToken: cancellationToken);

    /// <summary>A Subscribe stream as an async sequence; a failed call throws its <see cref="RpcException"/>.</summary>
    internal async IAsyncEnumerable<Delivery> SubscribeAsync(ConformanceParty party, SubscribeRequest request, [EnumeratorCancellation] CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var call = Client.Subscribe(request, As(party, cancellationToken, timeout, noDeadline: timeout is null));
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    /// <summary>A valid alert from a party, with a fresh id unless given.</summary>
    internal static Alert Alert(ConformanceParty party, string id, AlertScope scope = AlertScope.Public, WarningLevel level = WarningLevel.Yellow, GeoPolygon? area = null,
        IReadOnlyList<string>? addresses = null, AlertMessageType type = AlertMessageType.Alert, IReadOnlyList<AlertReference>? references = null, string geocode = "440600") => new()
    {
        Identifier = id,
        Sender = party.CapSender,
        Sent = Now(),
        Status = AlertStatus.Actual,
        MessageType = type,
        Scope = scope,
        Restriction = scope == AlertScope.Restricted ? "Conformance kit: lifeline operators only" : null,
        Addresses = addresses,
        References = references,
        Note = "Published by the CityRisk conformance kit; not a real alert.",
        Info =
        [
            new AlertInfo
            {
                Language = "en",
                Categories = [AlertCategory.Met],
                Event = "Conformance check",
                Urgency = AlertUrgency.Future,
                Severity = level >= WarningLevel.Orange ? AlertSeverity.Severe : AlertSeverity.Moderate,
                Certainty = AlertCertainty.Possible,
                Level = level,
                Expires = Now().AddDays(1),
                Headline = $"Conformance kit test message {id}",
                Areas = [new Area { Description = "conformance test area", Polygons = [area ?? Inside], Geocodes = [new NamedValue(Jurisdiction.GeocodeValueName, geocode)] }],
            },
        ],
    };

    /// <summary>Now in China Standard Time, to the whole second (CAP date-times have no fractions).</summary>
    internal static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).ToOffset(TimeSpan.FromHours(8));
    }

    /// <summary>The envelope a correct client sends for an alert, as CityRisk JSON.</summary>
    internal static Envelope EnvelopeOf(ConformanceParty party, Alert alert, params string[] roles) =>
        AlertEnvelope.Create(alert, party.PartnerId, CityRiskJson.Write(alert), CityRiskJson.ContentType(DocumentKinds.Alert), roles);

    internal Task<PublishResponse> CallPublishAsync(ConformanceParty party, Envelope envelope, CancellationToken cancellationToken) =>
        Client.PublishAsync(new PublishRequest { Envelope = envelope }, As(party, cancellationToken)).ResponseAsync;

    /// <summary>Publishes a valid alert that must be accepted; anything else fails the check.</summary>
    internal async Task<PublishResponse> PublishAsync(ConformanceParty party, Alert alert, CancellationToken cancellationToken, params string[] roles)
    {
        try
        {
            var response = await CallPublishAsync(party, EnvelopeOf(party, alert, roles), cancellationToken).ConfigureAwait(false);
            if (response.Cursor == 0)
            {
                throw new ConformanceFailedException($"a cursor for {party.PartnerId}/{alert.Identifier}", "cursor 0");
            }

            return response;
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"the valid alert {alert.Identifier} published by {party.PartnerId} to be accepted", Describe(ex));
        }
    }

    /// <summary>Publishes a Public marker: subscriptions read until they see it; its cursor bounds what came before.</summary>
    internal async Task<(string Id, long Cursor)> MarkerAsync(string checkId, CancellationToken cancellationToken)
    {
        var id = NewId(checkId) + "-marker";
        var response = await PublishAsync(Identities.CityA, Alert(Identities.CityA, id, area: Inside), cancellationToken).ConfigureAwait(false);
        return (id, (long)response.Cursor);
    }

    /// <summary>A call that must fail with <paramref name="expected"/>: returns the failure; anything else fails the check.</summary>
    internal static async Task<RpcException> ExpectStatusAsync(Func<Task> call, StatusCode expected, string what)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            return ex.StatusCode == expected ? ex : throw new ConformanceFailedException($"{Name(expected)} for {what}", Describe(ex));
        }

        throw new ConformanceFailedException($"{Name(expected)} for {what}", "OK");
    }

    /// <summary>Gets a message, or the status it was refused with.</summary>
    internal async Task<(GetResponse? Response, RpcException? Error)> TryGetAsync(ConformanceParty party, string sender, string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await Client.GetAsync(new GetRequest { Message = new MessageRef { Sender = sender, Id = id } }, As(party, cancellationToken)).ConfigureAwait(false), null);
        }
        catch (RpcException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>A Get that must be NOT_FOUND (a refused message that was not stored, or one the reader may not see).</summary>
    internal async Task ExpectNotFoundAsync(ConformanceParty reader, string sender, string id, string expected, CancellationToken cancellationToken)
    {
        var (got, error) = await TryGetAsync(reader, sender, id, cancellationToken).ConfigureAwait(false);
        if (got is not null)
        {
            throw new ConformanceFailedException(expected, $"Get returned the message, at cursor {got.Cursor}");
        }

        if (error!.StatusCode != StatusCode.NotFound)
        {
            throw new ConformanceFailedException(expected, Describe(error));
        }
    }

    /// <summary>Every item of a query, page by page (bounded), checking that pages do not repeat items.</summary>
    internal async Task<List<Delivery>> QueryAllAsync(ConformanceParty party, Filter filter, uint pageSize, CancellationToken cancellationToken, int maxPages = 200)
    {
        var items = new List<Delivery>();
        var token = string.Empty;
        for (var page = 0; page < maxPages; page++)
        {
            QueryResponse response;
            try
            {
                response = await Client.QueryAsync(new QueryRequest { Filter = filter, PageSize = pageSize, PageToken = token }, As(party, cancellationToken)).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw new ConformanceFailedException($"Query as {party.PartnerId} to succeed", Describe(ex));
            }

            if (pageSize > 0 && response.Items.Count > pageSize)
            {
                throw new ConformanceFailedException($"at most {pageSize} items in a page", $"{response.Items.Count}");
            }

            items.AddRange(response.Items);
            token = response.NextPageToken;
            if (token.Length == 0)
            {
                return items;
            }
        }

        throw new ConformanceFailedException($"a query to end within {maxPages} pages", "more pages");
    }

    /// <summary>
    /// Reads a subscription as a party until a delivery with id <paramref name="untilId"/> arrives (bounded by
    /// <paramref name="timeout"/>); returns everything received, that one included.
    /// </summary>
    /// <param name="party">Who subscribes.</param>
    /// <param name="request">The subscription.</param>
    /// <param name="untilId">The id to read up to.</param>
    /// <param name="cancellationToken">Ends the check.</param>
    /// <param name="timeout">How long to wait for it; 10 s by default.</param>
    /// <param name="opened">Completed with the response headers when they arrive: the hub accepted the call and the stream starts.</param>
    internal async Task<List<Delivery>> CollectAsync(ConformanceParty party, SubscribeRequest request, string untilId, CancellationToken cancellationToken, TimeSpan? timeout = null, TaskCompletionSource<Metadata>? opened = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        var received = new List<Delivery>();
        try
        {
            using var call = Client.Subscribe(request, As(party, limit.Token, noDeadline: true));
            var headers = await call.ResponseHeadersAsync.ConfigureAwait(false);
            opened?.TrySetResult(headers);
            while (await call.ResponseStream.MoveNext(limit.Token).ConfigureAwait(false))
            {
                var delivery = call.ResponseStream.Current;
                received.Add(delivery);
                if (delivery.Envelope?.Id == untilId)
                {
                    return received;
                }
            }
        }
        catch (Exception ex) when (IsCancellation(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ConformanceFailedException($"the subscription of {party.PartnerId} to deliver {untilId}{PublishedAt(untilId)} within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds:F0} s",
                $"{(received.Count == 0 ? "no delivery at all" : $"{received.Count} deliveries (the last: {Ids(received.TakeLast(12))}) and then nothing")}{Missing(request, received, untilId)}");
        }
        catch (RpcException ex)
        {
            throw new ConformanceFailedException($"the subscription of {party.PartnerId} to deliver {untilId}", $"the stream ended with {Describe(ex)} after {received.Count} deliveries");
        }

        throw new ConformanceFailedException($"the subscription of {party.PartnerId} to deliver {untilId}", $"the stream ended with OK after {received.Count} deliveries ({Ids(received)})");
    }

    private string PublishedAt(string id) => Ledger.CursorOf(id) is { } cursor ? $" (published at cursor {cursor})" : string.Empty;

    /// <summary>What the kit published after the last delivery up to the awaited one: what the stream still owed.</summary>
    private string Missing(SubscribeRequest request, List<Delivery> received, string untilId)
    {
        if (Ledger.CursorOf(untilId) is not { } until)
        {
            return string.Empty;
        }

        var after = received.Count > 0 ? received[^1].Cursor : request.StartCase == SubscribeRequest.StartOneofCase.AfterCursor ? request.AfterCursor : until - 1;
        var owed = Ledger.Between(after, until).ToList();
        return owed.Count == 0 ? string.Empty : $"; the kit had published, after the last delivery and up to it (filtered or not): {string.Join(", ", owed.Take(12))}{(owed.Count > 12 ? $" and {owed.Count - 12} more" : string.Empty)}";
    }

    /// <summary>The ids of this run's deliveries, in order (other data on the hub is left out).</summary>
    internal List<string> OwnIds(IEnumerable<Delivery> deliveries) =>
        [.. deliveries.Select(d => d.Envelope?.Id ?? string.Empty).Where(id => id.StartsWith($"ck-{RunId}-", StringComparison.Ordinal))];

    /// <summary>Checks that cursors strictly increase.</summary>
    internal static void ExpectIncreasingCursors(IReadOnlyList<Delivery> deliveries, string what)
    {
        for (var i = 1; i < deliveries.Count; i++)
        {
            if (deliveries[i].Cursor <= deliveries[i - 1].Cursor)
            {
                throw new ConformanceFailedException($"{what} in strictly increasing cursor order",
                    $"cursor {deliveries[i].Cursor} ({deliveries[i].Envelope?.Id}) after cursor {deliveries[i - 1].Cursor} ({deliveries[i - 1].Envelope?.Id})");
            }
        }
    }

    internal static string Describe(RpcException ex) => $"{Name(ex.StatusCode)} ({ex.Status.Detail})";

    internal static string Name(StatusCode status) => StatusNames.Of(status);

    /// <summary>Whether a failure is the kit's own cancellation (a channel reports it as OperationCanceledException or CANCELLED).</summary>
    internal static bool IsCancellation(Exception ex) => ex is OperationCanceledException || (ex is RpcException { StatusCode: StatusCode.Cancelled });

    internal static string Ids(IEnumerable<Delivery> deliveries) => string.Join(", ", deliveries.Select(d => $"{d.Cursor}:{d.Envelope?.Id}").Take(12));

    /// <summary>Problem codes of a refusal's trailer; a missing or unreadable trailer fails the check.</summary>
    internal static IReadOnlyList<CityRisk.Problems.Problem> ProblemsOf(RpcException ex, string what)
    {
        if (!ProblemsTrailer.IsPresent(ex.Trailers))
        {
            throw new ConformanceFailedException($"the {ProblemsTrailer.Name} trailer with every problem of {what}", $"{Describe(ex)} without the trailer");
        }

        return ProblemsTrailer.TryRead(ex.Trailers, out var problems, out var error)
            ? problems
            : throw new ConformanceFailedException($"a {ProblemsTrailer.Name} trailer holding a cityrisk.v1.Problems message", $"one that does not decode ({error})");
    }
}
