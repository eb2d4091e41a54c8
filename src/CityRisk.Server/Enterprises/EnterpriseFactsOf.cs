using System.Globalization;
using CityRisk.Enterprises;
using CityRisk.Storage;

namespace CityRisk.Server.Enterprises;

/// <summary>What the store indexes of a profile or grant revision: the hub derives it (indicators with <see cref="EnterpriseIndicators"/>), the store parses nothing.</summary>
internal static class EnterpriseFactsOf
{
    public static EnterpriseFacts Profile(EnterpriseRiskProfile profile)
    {
        var location = (CityRisk.Geo.PointGeometry)profile.Location;
        return new EnterpriseFacts
        {
            Owner = profile.Owner,
            Id = profile.Id,
            Revision = profile.Revision,
            Name = NameOf(profile.Name),
            Industry = profile.Industry,
            Jurisdiction = profile.Jurisdiction,
            Address = profile.Address ?? string.Empty,
            Longitude = location.Coordinates.Longitude,
            Latitude = location.Coordinates.Latitude,
            Employees = profile.Employees,
            HazardousChemicals = profile.HazardousChemicals,
            MajorHazardSource = profile.MajorHazardSource,
            RiskGrade = profile.RiskGrade.ToString(),
            Insured = profile.Insured,
            Insurer = profile.Insurer ?? string.Empty,
            UpdatedAt = Format(profile.UpdatedAt),
            RiskScore = EnterpriseIndicators.Latest(profile)?.RiskScore,
            Periods = [.. profile.Periods.OrderBy(p => p.From).Select(period =>
            {
                var values = EnterpriseIndicators.Compute(profile, period);
                return new EnterprisePeriodFacts
                {
                    From = Format(period.From),
                    To = Format(period.To),
                    Inspections = period.Inspections,
                    HiddenDangersFound = period.HiddenDangersFound,
                    HiddenDangersRectified = period.HiddenDangersRectified,
                    HiddenDangersOverdue = period.HiddenDangersOverdue,
                    MajorHiddenDangers = period.MajorHiddenDangers,
                    Penalties = period.Penalties,
                    Accidents = period.Accidents,
                    Deaths = period.Deaths,
                    Injuries = period.Injuries,
                    RectificationRate = values.RectificationRate,
                    OverdueRate = values.OverdueRate,
                    AccidentsPerYear = values.AccidentsPerYear,
                    AccidentsPer100Employees = values.AccidentsPer100Employees,
                    RiskScore = values.RiskScore,
                };
            })],
        };
    }

    public static EnterpriseGrantFacts Grant(EnterpriseGrant grant) => new()
    {
        Owner = grant.Owner,
        Id = grant.Id,
        Revision = grant.Revision,
        Insurer = grant.Insurer,
        CreditCode = grant.Basis == GrantBasis.Consent ? grant.CreditCode : null,
        JurisdictionPrefix = grant.Basis == GrantBasis.Agreement && Jurisdiction.TryParse(grant.Jurisdiction, out var division) ? division.Prefix : null,
        IndustryPrefixes = grant.Basis == GrantBasis.Agreement ? grant.Industries : [],
        ValidFrom = grant.ValidFrom,
        ValidUntil = grant.ValidUntil,
        Active = grant.State == GrantState.Active,
    };

    /// <summary>The name a row carries: the zh-CN text when there is one, else the first.</summary>
    public static string NameOf(CityRisk.LocalizedText name) =>
        name.TryGet("zh-CN", out var chinese) ? chinese : name.Entries.Count > 0 ? name.Entries[0].Value : string.Empty;

    /// <summary>RFC 3339 with the value's own offset, to the second (as the documents are written).</summary>
    public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
