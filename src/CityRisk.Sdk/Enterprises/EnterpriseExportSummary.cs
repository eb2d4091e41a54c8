namespace CityRisk.Enterprises;

/// <summary>What an export wrote.</summary>
/// <param name="Profiles">Distinct profiles exported.</param>
/// <param name="Rows">Data rows written (one per profile and period; the header not counted).</param>
public sealed record EnterpriseExportSummary(long Profiles, long Rows);
