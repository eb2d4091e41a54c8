namespace CityRisk.Storage;

/// <summary>A profile a query selected: its facts, where its revision is in the log, and the grant it was read under.</summary>
/// <param name="Facts">Its facts (with periods when asked).</param>
/// <param name="Cursor">The cursor of its latest revision's message.</param>
/// <param name="GrantId">When the reader reads it under a grant (and not as its owner): that grant's id, a consent's before an agreement's (the grant's owner is the profile's); else null.</param>
/// <param name="GrantRevision">That grant's revision; 0 without one.</param>
public sealed record EnterpriseRecord(EnterpriseFacts Facts, long Cursor, string? GrantId, long GrantRevision)
{
    /// <summary>With <see cref="EnterpriseQuery.WithEnvelope"/>, the serialized envelope of the latest revision (as <see cref="StoredMessage.Envelope"/>); else null.</summary>
    public byte[]? Envelope { get; init; }

    /// <summary>
    /// The grant an insurer reads a profile under, by the rule every store follows: among the grants that cover it
    /// (<see cref="EnterpriseGrantFacts.Covers"/>), a consent before an agreement, then the lowest id.
    /// </summary>
    /// <param name="grants">The insurer's grants.</param>
    /// <param name="facts">The profile's facts.</param>
    /// <param name="at">The instant of the read.</param>
    /// <returns>The grant, or null when none covers it.</returns>
    public static EnterpriseGrantFacts? GrantFor(IEnumerable<EnterpriseGrantFacts> grants, EnterpriseFacts facts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(facts);
        // One pass, no sorting: stores call it for every row they read.
        EnterpriseGrantFacts? best = null;
        foreach (var grant in grants)
        {
            if (grant.Covers(facts.Owner, facts.Id, facts.Jurisdiction, facts.Industry, at) && (best is null || Before(grant, best)))
            {
                best = grant;
            }
        }

        return best;
    }

    private static bool Before(EnterpriseGrantFacts grant, EnterpriseGrantFacts other) =>
        (grant.CreditCode is null) != (other.CreditCode is null) ? grant.CreditCode is not null : string.CompareOrdinal(grant.Id, other.Id) < 0;
}
