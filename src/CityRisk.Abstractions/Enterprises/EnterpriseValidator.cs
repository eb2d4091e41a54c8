using System.Globalization;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Enterprises;

/// <summary>
/// Checks an enterprise risk profile against the rules of docs/insurers.md that its JSON Schema cannot state, with
/// stable codes (docs/errors.md) and JSON paths; every problem is reported, not only the first.
/// </summary>
public static class EnterpriseValidator
{
    /// <summary>Every problem of a profile revision; empty when it is valid.</summary>
    /// <param name="profile">The profile.</param>
    public static IReadOnlyList<Problem> Validate(EnterpriseRiskProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var problems = new ProblemCollector();
        if (!PartyId.TryParse(profile.Owner, out _))
        {
            problems.Error(ProblemCodes.EnterpriseKeyInvalid, "$.owner", $"'{profile.Owner}' is not a partner id.");
        }

        if (profile.Revision < 1)
        {
            problems.Error(ProblemCodes.EnterpriseKeyInvalid, "$.revision", $"The revision is {profile.Revision}; the first is 1.");
        }

        if (UnifiedSocialCreditCode.Problem(profile.CreditCode) is { } bad)
        {
            problems.Error(ProblemCodes.EnterpriseCreditCodeInvalid, "$.creditCode", bad);
        }

        if (profile.Id != profile.CreditCode)
        {
            problems.Error(ProblemCodes.EnterpriseKeyInvalid, "$.id", $"A profile's id is its enterprise's credit code ('{profile.CreditCode}'), not '{profile.Id}': a regulator keeps one profile per enterprise.");
        }

        if (profile.Name is null || profile.Name.Entries.Count == 0 || profile.Name.Entries.All(e => string.IsNullOrWhiteSpace(e.Value)))
        {
            problems.Error(ProblemCodes.EnterpriseNameMissing, "$.name", "A profile needs the enterprise's name in at least one language.");
        }

        if (!IsIndustryCode(profile.Industry))
        {
            problems.Error(ProblemCodes.EnterpriseIndustryInvalid, "$.industry", $"'{profile.Industry}' is not a GB/T 4754-2017 code: a section letter A to T and up to four digits (C2614).");
        }

        if (!Jurisdiction.TryParse(profile.Jurisdiction, out _))
        {
            problems.Error(ProblemCodes.EnterpriseJurisdictionInvalid, "$.jurisdiction", $"'{profile.Jurisdiction}' is not a six-digit GB/T 2260 administrative division code.");
        }

        if (profile.Location is not null and not PointGeometry)
        {
            problems.Error(ProblemCodes.EnterpriseLocationInvalid, "$.location", "An enterprise's location is a Point.");
        }
        else
        {
            ShapeRules.Check(profile.Location, ProblemCodes.EnterpriseLocationInvalid, "$.location", "A profile needs the enterprise's location: a Point.", problems);
        }

        if (profile.Employees < 0)
        {
            problems.Error(ProblemCodes.EnterpriseFigureInvalid, "$.employees", $"{profile.Employees} is negative.");
        }

        if (profile.Insurer is { } insurer && (!profile.Insured || !PartyId.TryParse(insurer, out _)))
        {
            problems.Error(ProblemCodes.EnterpriseInsurerInvalid, "$.insurer", profile.Insured ? $"'{insurer}' is not a partner id." : "An enterprise that is not insured names no insurer.");
        }

        for (var i = 0; i < profile.Periods.Count; i++)
        {
            CheckPeriod(profile.Periods[i], $"$.periods[{i.ToString(CultureInfo.InvariantCulture)}]", problems);
        }

        var ordered = profile.Periods.Select((p, i) => (Period: p, Index: i)).OrderBy(p => p.Period.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Period.From < ordered[i - 1].Period.To)
            {
                problems.Error(ProblemCodes.EnterprisePeriodOverlap, $"$.periods[{ordered[i].Index.ToString(CultureInfo.InvariantCulture)}]",
                    $"It starts at {Format(ordered[i].Period.From)}, before period {ordered[i - 1].Index.ToString(CultureInfo.InvariantCulture)} ends ({Format(ordered[i - 1].Period.To)}); periods do not overlap.");
            }
        }

        return problems.Problems;
    }

    private static void CheckPeriod(EnterprisePeriod period, string path, ProblemCollector problems)
    {
        if (period.To <= period.From)
        {
            problems.Error(ProblemCodes.EnterprisePeriodInvalid, path + ".to", $"The period ends at {Format(period.To)}, not after it starts ({Format(period.From)}).");
        }

        (int Value, string Member)[] counts =
        [
            (period.Inspections, "inspections"), (period.HiddenDangersFound, "hiddenDangersFound"), (period.HiddenDangersRectified, "hiddenDangersRectified"),
            (period.HiddenDangersOverdue, "hiddenDangersOverdue"), (period.MajorHiddenDangers, "majorHiddenDangers"), (period.Penalties, "penalties"),
            (period.Accidents, "accidents"), (period.Deaths, "deaths"), (period.Injuries, "injuries"),
        ];
        foreach (var (value, member) in counts.Where(c => c.Value < 0))
        {
            problems.Error(ProblemCodes.EnterpriseFigureInvalid, $"{path}.{member}", $"{value} is negative; a count is 0 or more.");
        }

        if (period.HiddenDangersRectified > period.HiddenDangersFound)
        {
            problems.Error(ProblemCodes.EnterpriseFigureInvalid, path + ".hiddenDangersRectified", $"{period.HiddenDangersRectified} rectified of {period.HiddenDangersFound} found: more than were found.");
        }

        if (period.HiddenDangersOverdue > Math.Max(0, period.HiddenDangersFound - period.HiddenDangersRectified))
        {
            problems.Error(ProblemCodes.EnterpriseFigureInvalid, path + ".hiddenDangersOverdue", $"{period.HiddenDangersOverdue} overdue, but only {Math.Max(0, period.HiddenDangersFound - period.HiddenDangersRectified)} found are not rectified.");
        }

        if (period.MajorHiddenDangers > period.HiddenDangersFound)
        {
            problems.Error(ProblemCodes.EnterpriseFigureInvalid, path + ".majorHiddenDangers", $"{period.MajorHiddenDangers} major of {period.HiddenDangersFound} found: more than were found.");
        }

        if (period.Accidents == 0 && (period.Deaths > 0 || period.Injuries > 0))
        {
            problems.Error(ProblemCodes.EnterpriseFigureInvalid, path + ".accidents", "Deaths or injuries without an accident: count the accident.");
        }
    }

    /// <summary>Whether a text is a GB/T 4754-2017 code: a section letter A to T, then nothing or a division (2 digits), group (3) or class (4).</summary>
    /// <param name="code">The text.</param>
    public static bool IsIndustryCode(string? code) =>
        code is { Length: 1 or 3 or 4 or 5 } && code[0] is >= 'A' and <= 'T' && code.Skip(1).All(c => c is >= '0' and <= '9');

    /// <summary>An instant as the documents write it, for messages: to the second, with its offset.</summary>
    internal static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
