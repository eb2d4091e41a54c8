using CityRisk.Enterprises;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Exchange;
using CityRisk.Server.Geo;
using CityRisk.Server.Partners;
using CityRisk.Storage;
using Grpc.Core;

namespace CityRisk.Server.Enterprises;

/// <summary>
/// Enterprise risk profiles (docs/insurers.md): published by regulators, Private to them; the hub indexes each
/// revision's facts and indicators for queries and the export, and lets an insurer Get one under a grant in force,
/// recording the read.
/// </summary>
internal sealed class EnterpriseProfileEntityKind : EntityKind
{
    public override string Kind => DocumentKinds.EnterpriseProfile;

    public override string? RequiredRole => EnterpriseRoles.Regulator;

    public override EntityRevision Read(Func<Envelope, object> read, Envelope envelope)
    {
        var profile = (EnterpriseRiskProfile)read(envelope);
        var derived = EnterpriseEnvelope.Derive(profile);
        var mismatches = EntityMismatches.Describe(EnterpriseEnvelope.Mismatches(envelope, derived), envelope, derived, Kind, profile.Id, profile.Revision, "EnterpriseEnvelope.Derive in CityRisk.Protocol, docs/insurers.md");
        return new EntityRevision(profile.Owner, profile.Id, profile.Revision, null, mismatches, GeometryBuilder.FromGeometry(profile.Location), profile);
    }

    public override Task<AppendResult> AppendAsync(IExchangeStore store, StoredMessage message, EntityRevision revision, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnterpriseStoreOf(store, Kind).AppendEnterpriseProfileAsync(message, EnterpriseFactsOf.Profile((EnterpriseRiskProfile)revision.Document), cancellationToken);

    /// <summary>
    /// An insurer reads a profile it may not see by its envelope when a grant in force covers it (docs/insurers.md,
    /// "Access"); the read is recorded before it is answered, so no read goes unaudited.
    /// </summary>
    public override async Task<bool> ReadUnderGrantAsync(IExchangeStore store, Partner caller, StoredMessage latest, Envelope envelope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!caller.HasRole(EnterpriseRoles.Insurer) || store is not IEnterpriseStore enterprises || envelope.Entity is not { } key)
        {
            return false;
        }

        // The store applies the grants in force, as for a query of this one credit code (a consent is found by its key,
        // not among every grant the insurer holds).
        var found = await enterprises.QueryEnterprisesAsync(new EnterpriseQuery { Reader = caller.Id.Value, AsInsurer = true, At = now, CreditCode = key.Id, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        if (found.FirstOrDefault(r => r.Facts.Owner == key.Owner && r.GrantId is not null) is not { } granted)
        {
            return false;
        }

        var grant = (Id: granted.GrantId!, Revision: granted.GrantRevision);
        await enterprises.RecordReadsAsync([EnterpriseAudit.Read(caller, key.Owner, key.Id, latest.Revision, grant.Id, grant.Revision, EnterpriseAudit.ViaGet, now)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The store's enterprise seam, or UNIMPLEMENTED saying why there is none.</summary>
    internal static IEnterpriseStore EnterpriseStoreOf(IExchangeStore store, string kind) => store as IEnterpriseStore
        ?? throw ExchangeService.Fail(StatusCode.Unimplemented, $"This hub's store does not keep enterprise risk (IEnterpriseStore), so it takes no {kind} messages and answers no enterprise queries.");
}
