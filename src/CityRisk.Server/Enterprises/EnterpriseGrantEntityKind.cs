using CityRisk.Enterprises;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Partners;
using CityRisk.Storage;

namespace CityRisk.Server.Enterprises;

/// <summary>
/// Grants (docs/insurers.md, "Access"): a regulator's consent or agreement records, Private between it and the
/// insurer; Active, then Revoked (final). Each revision replaces what queries apply in the same write.
/// </summary>
internal sealed class EnterpriseGrantEntityKind : EntityKind
{
    public override string Kind => DocumentKinds.EnterpriseGrant;

    public override string? RequiredRole => EnterpriseRoles.Regulator;

    public override EntityRevision Read(Func<Envelope, object> read, Envelope envelope)
    {
        var grant = (EnterpriseGrant)read(envelope);
        var derived = EnterpriseEnvelope.Derive(grant);
        var mismatches = EntityMismatches.Describe(EnterpriseEnvelope.Mismatches(envelope, derived), envelope, derived, Kind, grant.Id, grant.Revision, "EnterpriseEnvelope.Derive in CityRisk.Protocol, docs/insurers.md");
        return new EntityRevision(grant.Owner, grant.Id, grant.Revision, grant.State.ToString(), mismatches, null, grant);
    }

    public override IReadOnlyList<string>? AllowedAfter(string previous) => previous switch
    {
        nameof(GrantState.Active) => [nameof(GrantState.Active), nameof(GrantState.Revoked)],
        nameof(GrantState.Revoked) => [],
        _ => null,
    };

    public override void Authorize(Partner caller, EntityRevision next, EntityRevision previous)
    {
        var grant = (EnterpriseGrant)next.Document;
        var before = (EnterpriseGrant)previous.Document;
        if (EnterpriseGrantValidator.StepProblems(before, grant) is { Count: > 0 } problems)
        {
            throw new ExchangeRefusal($"Revision {grant.Revision} of grant '{grant.Id}' does not follow from revision {before.Revision}: {string.Join(" ", problems.Select(p => p.Message))}", problems);
        }
    }

    public override Task<AppendResult> AppendAsync(IExchangeStore store, StoredMessage message, EntityRevision revision, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnterpriseProfileEntityKind.EnterpriseStoreOf(store, Kind).AppendEnterpriseGrantAsync(message, EnterpriseFactsOf.Grant((EnterpriseGrant)revision.Document), cancellationToken);
}
