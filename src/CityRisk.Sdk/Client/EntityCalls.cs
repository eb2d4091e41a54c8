using System.Globalization;
using System.Runtime.CompilerServices;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Problem = CityRisk.Problems.Problem;
using ProblemSeverity = CityRisk.Problems.ProblemSeverity;
using WireFilter = CityRisk.Protocol.V1.Filter;

namespace CityRisk.Client;

/// <summary>
/// The calls every entity kind's client makes the same way (docs/protocol.md §3.4): publish a revision, get the latest,
/// query and subscribe by filter, and read what comes back as the kind's message type.
/// </summary>
/// <typeparam name="TDocument">The contract type (<c>Hazard</c>, <c>Incident</c>).</typeparam>
/// <typeparam name="TMessage">What the client returns for a revision.</typeparam>
internal sealed class EntityCalls<TDocument, TMessage>(ClientPipeline pipeline, string kind, Func<long, TDocument, Envelope, TMessage> toMessage)
    where TDocument : class
    where TMessage : notnull
{
    private static readonly DocumentCodec<TDocument> Json = DocumentCodecs.Default.Get<TDocument>(DocumentFormat.CityRiskJson);

    public ClientPipeline Pipeline => pipeline;

    /// <summary>Validates and writes a revision, then publishes the envelope <paramref name="envelopeOf"/> derives for it.</summary>
    public async Task<(PublishResult Result, Envelope Envelope)> PublishAsync(TDocument document, Func<TDocument, ReadOnlyMemory<byte>, string, DateTimeOffset, Envelope> envelopeOf, string activityName, CancellationToken cancellationToken)
    {
        using var activity = ClientPipeline.StartActivity(activityName);
        var written = Json.Write(document, pipeline.Options.ValidateBeforePublish);
        var errors = written.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        if (errors > 0 || written.Value is null)
        {
            throw new CityRiskException(StatusCode.InvalidArgument, $"The {kind} has {errors} error(s); nothing was sent.", written.Problems);
        }

        var envelope = envelopeOf(document, written.Value, Json.MediaType, pipeline.Time.GetLocalNow());
        var response = await pipeline.UnaryAsync("Publish", static (e, r, o) => e.PublishAsync(r, o), new PublishRequest { Envelope = envelope }, cancellationToken).ConfigureAwait(false);
        return (new PublishResult(envelope.Sender, envelope.Id, (long)response.Cursor, response.Duplicate, ProblemsTrailer.FromMessage(response.Warnings)), envelope);
    }

    public async Task<TMessage> GetAsync(string owner, string id, string activityName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var activity = ClientPipeline.StartActivity(activityName);
        var response = await pipeline.UnaryAsync("Get", static (e, r, o) => e.GetAsync(r, o), new GetRequest { Entity = Protocol.EntityMessages.Key(kind, owner, id) }, cancellationToken).ConfigureAwait(false);
        return ToMessage((long)response.Cursor, response.Envelope);
    }

    public CityRiskPageable<TMessage> QueryAsync(WireFilter filter, string activityName, CancellationToken cancellationToken) =>
        new FunctionPageable<TMessage>(async (token, pageSize, cancel) =>
        {
            using var activity = ClientPipeline.StartActivity(activityName);
            var request = new QueryRequest { Filter = filter, PageToken = token ?? string.Empty, PageSize = (uint)(pageSize ?? 0) };
            var response = await pipeline.UnaryAsync("Query", static (e, r, o) => e.QueryAsync(r, o), request, cancel).ConfigureAwait(false);
            return new CityRiskPage<TMessage>([.. response.Items.Select(item => ToMessage((long)item.Cursor, item.Envelope))], response.NextPageToken.Length == 0 ? null : response.NextPageToken);
        }, cancellationToken);

    public IAsyncEnumerable<TMessage> SubscribeAsync(WireFilter filter, SubscriptionStart? start, string? name, SubscriptionCheckpointStore? checkpoints, string activityName, CancellationToken cancellationToken)
    {
        if (checkpoints is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A subscription with a checkpoint store needs a Name to keep its checkpoint under.", nameof(name));
        }

        return Deliveries(new ResumableSubscription(pipeline, filter, start ?? SubscriptionStart.FromNow, name, checkpoints, activityName), cancellationToken);
    }

    /// <summary>A filter on this kind, with an attribute condition for each non-empty list (docs/protocol.md §4.2.1).</summary>
    public WireFilter Filter(IReadOnlyList<string>? jurisdictions, Alerts.AlertArea? area, params (string Name, IEnumerable<string>? Values)[] attributes)
    {
        var wire = new WireFilter { Kinds = { kind } };
        wire.Jurisdictions.AddRange(jurisdictions ?? []);
        if (area is not null)
        {
            wire.Area = area.ToWire();
        }

        foreach (var (name, values) in attributes)
        {
            if (values?.ToList() is { Count: > 0 } list)
            {
                wire.Attributes.Add(new AttributeCondition { Name = name, Values = { list } });
            }
        }

        return wire;
    }

    public TMessage ToMessage(long cursor, Envelope envelope)
    {
        if (envelope?.Kind != kind)
        {
            throw new CityRiskException(StatusCode.NotFound, $"No such {kind} (the message is a {envelope?.Kind ?? "nothing"}).");
        }

        var read = Json.MediaType == envelope.ContentType ? Json.Read(envelope.Payload.Memory, validate: false) : null;
        if (read?.Value is not { } document)
        {
            throw new CityRiskException(StatusCode.Internal,
                $"The hub returned {envelope.Sender}/{envelope.Id} (cursor {cursor.ToString(CultureInfo.InvariantCulture)}) with a payload that cannot be read as a {kind} ({envelope.ContentType}).",
                read?.Problems ?? (IReadOnlyList<Problem>)[]);
        }

        return toMessage(cursor, document, envelope);
    }

    private async IAsyncEnumerable<TMessage> Deliveries(ResumableSubscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var delivery in subscription.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ToMessage((long)delivery.Cursor, delivery.Envelope);
        }
    }
}
