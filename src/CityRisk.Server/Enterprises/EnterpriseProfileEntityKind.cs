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
        if (!caller.HasRole(EnterpriseRoles.Insurer) || store is not IEnterpriseStore enterprises || envelope.Entity is not { } key || envelope.Jurisdictions.Count == 0
            || !envelope.Attributes.TryGetValue("industry", out var industry))
        {
            return false;
        }

        // The envelope's jurisdiction and industry were derived from the payload and checked when it was published.
        var facts = new EnterpriseFacts
        {
            Owner = key.Owner, Id = key.Id, Revision = latest.Revision, Name = string.Empty, Industry = industry, Jurisdiction = envelope.Jurisdictions[0],
            Longitude = 0, Latitude = 0, Employees = 0, HazardousChemicals = false, MajorHazardSource = false, RiskGrade = string.Empty, Insured = false, UpdatedAt = string.Empty,
        };
        var grants = await enterprises.GrantsForAsync(caller.Id.Value, cancellationToken).ConfigureAwait(false);
        if (EnterpriseRecord.GrantFor(grants, facts, now) is not { } grant)
        {
            return false;
        }

        await enterprises.RecordReadsAsync([EnterpriseAudit.Read(caller, key.Owner, key.Id, latest.Revision, grant.Id, grant.Revision, EnterpriseAudit.ViaGet, now)], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The store's enterprise seam, or UNIMPLEMENTED saying why there is none.</summary>
    internal static IEnterpriseStore EnterpriseStoreOf(IExchangeStore store, string kind) => store as IEnterpriseStore
        ?? throw ExchangeService.Fail(StatusCode.Unimplemented, $"This hub's store does not keep enterprise risk (IEnterpriseStore), so it takes no {kind} messages and answers no enterprise queries.");
}
