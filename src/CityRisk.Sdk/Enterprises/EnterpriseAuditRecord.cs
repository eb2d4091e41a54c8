namespace CityRisk.Enterprises;

/// <summary>One read of one of your profiles by an insurer, as the hub recorded it before answering.</summary>
/// <param name="Sequence">Its number on the hub (increasing).</param>
/// <param name="ReadAt">When, by the hub's clock (UTC).</param>
/// <param name="Insurer">Who read it.</param>
/// <param name="CreditCode">The profile read.</param>
/// <param name="Revision">The revision the insurer was given.</param>
/// <param name="GrantId">The grant (yours) it was read under.</param>
/// <param name="GrantRevision">That grant's revision then.</param>
/// <param name="Via">How: <c>get</c>, <c>query</c> or <c>export</c>.</param>
public sealed record EnterpriseAuditRecord(long Sequence, DateTimeOffset ReadAt, string Insurer, string CreditCode, long Revision, string GrantId, long GrantRevision, string Via);
