using System.Globalization;
using CityRisk.Problems;

namespace CityRisk.Enterprises;

/// <summary>
/// Checks an enterprise grant against the rules of docs/insurers.md ("Access") that its JSON Schema cannot state, with
/// stable codes (docs/errors.md) and JSON paths; every problem is reported, not only the first.
/// </summary>
public static class EnterpriseGrantValidator
{
    /// <summary>Every problem of a grant revision; empty when it is valid.</summary>
    /// <param name="grant">The grant.</param>
    public static IReadOnlyList<Problem> Validate(EnterpriseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var problems = new ProblemCollector();
        if (!PartyId.TryParse(grant.Owner, out _))
        {
            problems.Error(ProblemCodes.EnterpriseKeyInvalid, "$.owner", $"'{grant.Owner}' is not a partner id.");
        }

        if (string.IsNullOrWhiteSpace(grant.Id))
        {
            problems.Error(ProblemCodes.EnterpriseKeyInvalid, "$.id", "A grant needs an id, unique for its owner.");
        }

        if (grant.Revision < 1)
        {
            problems.Error(ProblemCodes.EnterpriseKeyInvalid, "$.revision", $"The revision is {grant.Revision}; the first is 1.");
        }

        if (!PartyId.TryParse(grant.Insurer, out _) || grant.Insurer == grant.Owner)
        {
            problems.Error(ProblemCodes.EnterpriseInsurerInvalid, "$.insurer", grant.Insurer == grant.Owner
                ? "A regulator does not grant access to itself: it always reads its own profiles."
                : $"'{grant.Insurer}' is not a partner id.");
        }

        if (grant.Basis == GrantBasis.Consent)
        {
            CheckConsent(grant, problems);
        }
        else
        {
            CheckAgreement(grant, problems);
        }

        if (grant.ValidUntil <= grant.ValidFrom)
        {
            problems.Error(ProblemCodes.EnterpriseGrantValidityInvalid, "$.validUntil", $"The grant ends at {EnterpriseValidator.Format(grant.ValidUntil)}, not after it starts ({EnterpriseValidator.Format(grant.ValidFrom)}).");
        }

        return problems.Problems;
    }

    /// <summary>
    /// The problems of revision <paramref name="next"/> after <paramref name="previous"/>: the insurer, basis and
    /// subject (credit code, or jurisdiction and industries) never change, and a revision is not dated before the one
    /// before it. Validity and state may change; the hub checks the state order (Revoked is final).
    /// </summary>
    /// <param name="previous">Revision n.</param>
    /// <param name="next">Revision n+1.</param>
    public static IReadOnlyList<Problem> StepProblems(EnterpriseGrant previous, EnterpriseGrant next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var problems = new ProblemCollector();
        (bool Same, string Member)[] fixedMembers =
        [
            (previous.Insurer == next.Insurer, "insurer"), (previous.Basis == next.Basis, "basis"), (previous.CreditCode == next.CreditCode, "creditCode"),
            (previous.Jurisdiction == next.Jurisdiction, "jurisdiction"), (previous.Industries.SequenceEqual(next.Industries, StringComparer.Ordinal), "industries"),
        ];
        foreach (var (_, member) in fixedMembers.Where(m => !m.Same))
        {
            problems.Error(ProblemCodes.EnterpriseGrantStepInvalid, "$." + member, $"A grant's {member} is fixed for its life; a grant with another is a new grant (a new id).");
        }

        if (next.UpdatedAt < previous.UpdatedAt)
        {
            problems.Error(ProblemCodes.EnterpriseGrantStepInvalid, "$.updatedAt", $"Revision {next.Revision} is dated {EnterpriseValidator.Format(next.UpdatedAt)}, before revision {previous.Revision} ({EnterpriseValidator.Format(previous.UpdatedAt)}).");
        }

        return problems.Problems;
    }

    private static void CheckConsent(EnterpriseGrant grant, ProblemCollector problems)
    {
        if (grant.CreditCode is null)
        {
            problems.Error(ProblemCodes.EnterpriseGrantBasisInvalid, "$.creditCode", "A consent names the consenting enterprise's credit code.");
        }
        else if (UnifiedSocialCreditCode.Problem(grant.CreditCode) is { } bad)
        {
            problems.Error(ProblemCodes.EnterpriseCreditCodeInvalid, "$.creditCode", bad);
        }

        if (string.IsNullOrWhiteSpace(grant.ConsentReference))
        {
            problems.Error(ProblemCodes.EnterpriseGrantBasisInvalid, "$.consentReference", "A consent says where the enterprise's consent is kept (a form's number, a contract clause), so it can be produced.");
        }

        if (grant.Jurisdiction is not null || grant.Industries.Count > 0)
        {
            problems.Error(ProblemCodes.EnterpriseGrantBasisInvalid, grant.Jurisdiction is not null ? "$.jurisdiction" : "$.industries", "A consent covers one enterprise; a jurisdiction and industries belong to an agreement.");
        }
    }

    private static void CheckAgreement(EnterpriseGrant grant, ProblemCollector problems)
    {
        if (grant.Jurisdiction is null)
        {
            problems.Error(ProblemCodes.EnterpriseGrantBasisInvalid, "$.jurisdiction", "An agreement names the GB/T 2260 division it covers.");
        }
        else if (!Jurisdiction.TryParse(grant.Jurisdiction, out _))
        {
            problems.Error(ProblemCodes.EnterpriseJurisdictionInvalid, "$.jurisdiction", $"'{grant.Jurisdiction}' is not a six-digit GB/T 2260 administrative division code.");
        }

        if (grant.Industries.Count == 0)
        {
            problems.Error(ProblemCodes.EnterpriseGrantBasisInvalid, "$.industries", "An agreement names the industries it covers (GB/T 4754-2017 codes; a section letter covers the whole section).");
        }

        for (var i = 0; i < grant.Industries.Count; i++)
        {
            if (!EnterpriseValidator.IsIndustryCode(grant.Industries[i]))
            {
                problems.Error(ProblemCodes.EnterpriseIndustryInvalid, $"$.industries[{i.ToString(CultureInfo.InvariantCulture)}]", $"'{grant.Industries[i]}' is not a GB/T 4754-2017 code: a section letter A to T and up to four digits (C26).");
            }
        }

        if (grant.CreditCode is not null || grant.ConsentReference is not null)
        {
            problems.Error(ProblemCodes.EnterpriseGrantBasisInvalid, grant.CreditCode is not null ? "$.creditCode" : "$.consentReference", "An agreement covers a jurisdiction and industries; a credit code and consent evidence belong to a consent.");
        }
    }
}
