using System.Globalization;
using CityRisk.Client;
using CityRisk.Enterprises;
using CityRisk.Geo;
using CityRisk.Hazards;
using Grpc.Core;

namespace CityRisk.Demo;

/// <summary>
/// The Foshan safety-liability insurance part of the demo (docs/insurers.md): Foshan's emergency management bureau
/// publishes five enterprise risk profiles and agrees with Ping An that it may read Nanhai district's chemical
/// raw-material makers (C26); Ping An pulls the high-risk ones, prices them from the indicators and writes the CSV for
/// its actuaries; a Shunde enterprise outside the agreement does not exist for it; the bureau reads the audit.
/// </summary>
internal static class DemoEnterprises
{
    public const string Regulator = "foshan-yjj";
    public const string Insurer = "pingan-insurance";

    public static async Task<bool> RunAsync(CityRiskClient regulator, CityRiskClient insurer, string folder, Timeline timeline, CancellationToken cancellationToken)
    {
        timeline.Section("Foshan's regulator shares enterprise risk with an insurer under an agreement");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, now.Offset);
        EnterpriseRiskProfile[] profiles =
        [
            Profile("91440605MA4W7K8P3", "佛山市南海区某化工有限公司", "C2614", "440605", 180, RiskGrade.Significant, major: true, found: 12, rectified: 9, overdue: 2, majorFound: 1, accidents: 1, now),
            Profile("91440605MA51DQ2K1", "佛山市南海区某涂料有限公司", "C2641", "440605", 95, RiskGrade.Major, major: true, found: 20, rectified: 11, overdue: 6, majorFound: 3, accidents: 2, now),
            Profile("91440605MA52EH7N4", "佛山市南海区某日用化学品厂", "C2682", "440605", 60, RiskGrade.General, major: false, found: 6, rectified: 6, overdue: 0, majorFound: 0, accidents: 0, now),
            Profile("91440605MA53FJ8P6", "佛山市南海区某纺织有限公司", "C1711", "440605", 300, RiskGrade.General, major: false, found: 9, rectified: 8, overdue: 1, majorFound: 0, accidents: 0, now),
            Profile("91440606MA54GK9Q8", "佛山市顺德区某化工有限公司", "C2614", "440606", 150, RiskGrade.Significant, major: true, found: 14, rectified: 10, overdue: 3, majorFound: 1, accidents: 1, now),
        ];
        foreach (var profile in profiles)
        {
            await regulator.Enterprises.PublishProfileAsync(profile, cancellationToken);
        }

        timeline.Add("Foshan YJJ", $"publishes {profiles.Length} enterprise risk profiles (Nanhai: 3 chemical, 1 textile; Shunde: 1 chemical), Private to itself");
        var agreement = new EnterpriseGrant
        {
            Id = $"nanhai-c26-{now:yyyyMMddHHmmss}",
            Owner = Regulator,
            Revision = 1,
            Insurer = Insurer,
            Basis = GrantBasis.Agreement,
            Jurisdiction = "440605",
            Industries = ["C26"],
            ValidFrom = now.AddMinutes(-1),
            ValidUntil = now.AddYears(1),
            State = GrantState.Active,
            UpdatedAt = now,
            Note = "Safety-production liability insurance, Nanhai chemical raw materials",
        };
        await regulator.Enterprises.GrantAsync(agreement, cancellationToken);
        timeline.Add("Foshan YJJ", $"agrees with Ping An: Nanhai district (440605), industry C26, for a year ({agreement.Id})");

        var query = new EnterpriseProfileQuery { Jurisdictions = ["440605"], HazardousChemicals = true, MinScore = 40 };
        var highRisk = new List<EnterpriseProfileMessage>();
        await foreach (var entry in insurer.Enterprises.QueryAsync(query, cancellationToken))
        {
            highRisk.Add(entry);
            var latest = insurer.Enterprises.IndicatorsOf(entry.Profile)[^1].Values;
            // An illustrative tariff: a base rate of 0.30% of the insured sum, loaded by the transparent risk score.
            var rate = 0.30 * (0.6 + (latest.RiskScore / 50));
            timeline.Add("Ping An", string.Create(CultureInfo.InvariantCulture,
                $"{entry.Profile.Name.Get("zh-CN")} ({entry.Profile.Id}): score {latest.RiskScore:0.0}, rectified {latest.RectificationRate:P0}, overdue {latest.OverdueRate:P0}, {latest.AccidentsPer100Employees:0.00} accidents/100 staff/yr -> rate {rate:0.00}%"));
        }

        var total = await insurer.Enterprises.CountAsync(new EnterpriseProfileQuery(), cancellationToken);
        timeline.Add("Ping An", $"may read {total} profile(s) in all; the textile maker and Shunde's enterprise are not among them");
        var csv = Path.Combine(folder, "nanhai-chemicals.csv");
        EnterpriseExportSummary written;
        await using (var file = File.Create(csv))
        {
            written = await insurer.Enterprises.ExportAsync(file, query, cancellationToken);
        }

        timeline.Add("Ping An", $"writes {Path.GetFileName(csv)} for its actuaries: {written.Rows} rows for {written.Profiles} enterprises, UTF-8 with a BOM for Excel");

        var hidden = await DemoResources.RefusedAsync(() => insurer.Enterprises.GetAsync(Regulator, profiles[4].Id, cancellationToken), StatusCode.NotFound);

        timeline.Add("Ping An", $"asks for Shunde's enterprise {profiles[4].Id}: {(hidden ? "NotFound, as if it did not exist (outside the agreement)" : "it could read it: an access leak!")}");

        var audit = new List<EnterpriseAuditRecord>();
        await foreach (var read in regulator.Enterprises.GetAuditAsync(new EnterpriseAuditQuery { Insurer = Insurer }, cancellationToken))
        {
            audit.Add(read);
        }

        timeline.Add("Foshan YJJ", $"reads the audit: {audit.Count} reads by Ping An ({string.Join(", ", audit.GroupBy(a => a.Via).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} by {g.Key}"))}), all under {agreement.Id}");

        var ok = hidden && highRisk.Count == 2 && total == 3 && written is { Profiles: 2, Rows: 4 }
            && audit.All(a => a.GrantId == agreement.Id) && audit.Count == highRisk.Count + 1 + written.Profiles;
        timeline.Add("demo", ok ? "the insurer saw exactly what the agreement covers, and every read is on record" : "FAILED: the insurer's reads did not match the agreement, see above");
        return ok;
    }

    private static EnterpriseRiskProfile Profile(string first17, string name, string industry, string jurisdiction, int employees, RiskGrade grade, bool major,
        int found, int rectified, int overdue, int majorFound, int accidents, DateTimeOffset now)
    {
        var code = first17 + UnifiedSocialCreditCode.CheckCharacterOf(first17);
        var year = new DateTimeOffset(now.Year - 1, 1, 1, 0, 0, 0, now.Offset);
        return new EnterpriseRiskProfile
        {
            Id = code,
            Owner = Regulator,
            Revision = 1,
            CreditCode = code,
            Name = LocalizedText.Of("zh-CN", name),
            Industry = industry,
            Jurisdiction = jurisdiction,
            Address = jurisdiction == "440605" ? "佛山市南海区" : "佛山市顺德区",
            Location = new PointGeometry(jurisdiction == "440605" ? new GeoPoint(113.14, 23.03) : new GeoPoint(113.29, 22.80)),
            Employees = employees,
            HazardousChemicals = industry.StartsWith("C26", StringComparison.Ordinal),
            MajorHazardSource = major,
            RiskGrade = grade,
            Periods =
            [
                new EnterprisePeriod
                {
                    From = year.AddYears(-1), To = year, Inspections = 4, HiddenDangersFound = found + 2, HiddenDangersRectified = found + 2, HiddenDangersOverdue = 0,
                    MajorHiddenDangers = 0, Penalties = 0, Accidents = 0,
                },
                new EnterprisePeriod
                {
                    From = year, To = year.AddYears(1), Inspections = 4, HiddenDangersFound = found, HiddenDangersRectified = rectified, HiddenDangersOverdue = overdue,
                    MajorHiddenDangers = majorFound, Penalties = overdue > 2 ? 2 : 0, Accidents = accidents, Injuries = accidents,
                },
            ],
            Insured = true,
            Insurer = Insurer,
            UpdatedAt = now,
        };
    }
}
