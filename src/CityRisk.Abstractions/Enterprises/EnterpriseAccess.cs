namespace CityRisk.Enterprises;

/// <summary>
/// The access rule of docs/insurers.md ("Access"), pure so a partner's hub and an insurer's own checks apply it alike:
/// which profiles a grant covers, and when.
/// </summary>
public static class EnterpriseAccess
{
    /// <summary>Whether a grant is in force at an instant: Active, and <c>ValidFrom &lt;= at &lt; ValidUntil</c>.</summary>
    /// <param name="grant">The grant's latest revision.</param>
    /// <param name="at">The instant of the read (the hub's clock).</param>
    public static bool InForce(EnterpriseGrant grant, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.State == GrantState.Active && grant.ValidFrom <= at && at < grant.ValidUntil;
    }

    /// <summary>
    /// Whether a grant in force covers a profile: the same owner (a regulator grants access to its own profiles only),
    /// and for a consent the same credit code, for an agreement a jurisdiction within the agreement's and an industry
    /// starting with one of its codes.
    /// </summary>
    /// <param name="grant">The grant's latest revision.</param>
    /// <param name="owner">The profile's owner.</param>
    /// <param name="creditCode">The profile's credit code (its id).</param>
    /// <param name="jurisdiction">The profile's six-digit jurisdiction.</param>
    /// <param name="industry">The profile's GB/T 4754 code.</param>
    /// <param name="at">The instant of the read.</param>
    public static bool Covers(EnterpriseGrant grant, string owner, string creditCode, string jurisdiction, string industry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (!InForce(grant, at) || grant.Owner != owner)
        {
            return false;
        }

        return grant.Basis == GrantBasis.Consent
            ? grant.CreditCode == creditCode
            : Jurisdiction.TryParse(grant.Jurisdiction, out var division) && jurisdiction.StartsWith(division.Prefix, StringComparison.Ordinal)
                && grant.Industries.Any(code => industry.StartsWith(code, StringComparison.Ordinal));
    }
}
