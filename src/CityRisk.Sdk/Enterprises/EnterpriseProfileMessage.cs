namespace CityRisk.Enterprises;

/// <summary>An enterprise risk profile as a hub holds it, where it is in the log, and what a query said of it.</summary>
/// <param name="Cursor">Its latest revision's position in the hub's log.</param>
/// <param name="Profile">The profile, at its latest revision.</param>
/// <param name="RiskScore">The hub's risk score of its latest period (docs/insurers.md, "Risk score"); null without a period.</param>
/// <param name="GrantId">In a query's results, the grant (of the profile's owner) the read was under; null when you own the profile, and from Get.</param>
public sealed record EnterpriseProfileMessage(long Cursor, EnterpriseRiskProfile Profile, double? RiskScore, string? GrantId);
