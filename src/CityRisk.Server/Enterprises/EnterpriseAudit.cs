using CityRisk.Server.Partners;
using CityRisk.Storage;

namespace CityRisk.Server.Enterprises;

/// <summary>The audit entries of insurers' reads (docs/insurers.md, "Audit"): one per profile read, written before the read is answered.</summary>
internal static class EnterpriseAudit
{
    public const string ViaGet = "get";
    public const string ViaQuery = "query";
    public const string ViaExport = "export";

    public static EnterpriseRead Read(Partner insurer, string owner, string creditCode, long revision, string grantId, long grantRevision, string via, DateTimeOffset at) => new()
    {
        ReadAt = at,
        Insurer = insurer.Id.Value,
        Owner = owner,
        CreditCode = creditCode,
        Revision = revision,
        GrantId = grantId,
        GrantRevision = grantRevision,
        Via = via,
    };

    /// <summary>The reads among records (those under a grant; a regulator reading its own is not audited).</summary>
    public static IReadOnlyList<EnterpriseRead> ReadsOf(Partner reader, IEnumerable<EnterpriseRecord> records, string via, DateTimeOffset at) =>
        [.. records.Where(r => r.GrantId is not null).Select(r => Read(reader, r.Facts.Owner, r.Facts.Id, r.Facts.Revision, r.GrantId!, r.GrantRevision, via, at))];
}
