namespace CityRisk.Enterprises;

/// <summary>A grant as a hub holds it and where it is in the log.</summary>
/// <param name="Cursor">Its latest revision's position in the hub's log.</param>
/// <param name="Grant">The grant, at its latest revision.</param>
public sealed record EnterpriseGrantMessage(long Cursor, EnterpriseGrant Grant);
