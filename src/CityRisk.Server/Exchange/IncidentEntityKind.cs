using CityRisk.Incidents;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Geo;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Incidents (docs/incidents.md): a life cycle (<see cref="IncidentLifecycle"/>), steps taken by the reporter, the
/// assignee or the jurisdiction, and the facts statistics count, written with each revision.
/// </summary>
internal sealed class IncidentEntityKind : EntityKind
{
    public override string Kind => DocumentKinds.Incident;

    public override EntityRevision Read(Func<Envelope, object> read, Envelope envelope)
    {
        var incident = (Incident)read(envelope);
        var derived = IncidentEnvelope.Derive(incident);
        var mismatches = EntityMismatches.Describe(IncidentEnvelope.Mismatches(envelope, incident), envelope, derived, DocumentKinds.Incident, incident.Id, incident.Revision, "IncidentEnvelope.Derive in CityRisk.Protocol, docs/incidents.md");
        return new EntityRevision(incident.Owner, incident.Id, incident.Revision, incident.State.ToString(), mismatches, GeometryBuilder.FromGeometry(incident.Location), incident);
    }

    public override IReadOnlyList<string>? AllowedAfter(string previous) =>
        Enum.TryParse<IncidentState>(previous, out var state) ? [.. IncidentLifecycle.AllowedAfter(state).Select(s => s.ToString())] : null;

    /// <summary>A step is published by the partner that took it: <see cref="Incident.UpdatedBy"/> (the owner for the report).</summary>
    public override string PublisherOf(EntityRevision revision) => ((Incident)revision.Document).UpdatedBy;

    public override void Authorize(Partner caller, EntityRevision next, EntityRevision previous)
    {
        var incident = (Incident)next.Document;
        var before = (Incident)previous.Document;
        if (IncidentValidator.StepProblems(before, incident) is { Count: > 0 } problems)
        {
            throw new ExchangeRefusal($"Revision {incident.Revision} does not follow from revision {before.Revision}: {string.Join(" ", problems.Select(p => p.Message))}", problems);
        }

        var actors = IncidentLifecycle.ActorsOf(before, caller.Id.Value, caller.IsResponsibleFor);
        if (IncidentLifecycle.Refusal(before, incident, actors) is { } refusal)
        {
            throw ExchangeService.Fail(StatusCode.PermissionDenied, $"Incident '{incident.Id}' of '{incident.Owner}': {refusal}");
        }
    }

    public override Task<AppendResult> AppendAsync(IExchangeStore store, StoredMessage message, EntityRevision revision, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken) =>
        store is IIncidentStore incidents
            ? incidents.AppendIncidentAsync(message, FactsOf((Incident)revision.Document, envelope), cancellationToken)
            : store.AppendAsync(message, cancellationToken);

    /// <summary>What statistics count of a revision, with who may see it as its envelope says (docs/protocol.md §5).</summary>
    private static IncidentFacts FactsOf(Incident incident, Envelope envelope) => new()
    {
        Owner = incident.Owner,
        Id = incident.Id,
        Jurisdiction = incident.Jurisdiction,
        Type = incident.Type,
        Category = IncidentTypes.CategoryOf(incident.Type) ?? string.Empty,
        Grade = (int)incident.Grade,
        State = (int)incident.State,
        ReportedAt = incident.ReportedAt,
        ClosedAt = incident.State == IncidentState.Closed ? incident.UpdatedAt : null,
        Public = envelope.Scope == Scope.Public,
        Viewers = Visibility.ViewersOf(envelope),
    };
}
