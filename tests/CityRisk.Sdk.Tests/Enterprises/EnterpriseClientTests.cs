using System.Text;
using CityRisk.Client;
using CityRisk.Enterprises;
using CityRisk.Hazards;
using Grpc.Core;

namespace CityRisk.Sdk.Tests.Enterprises;

/// <summary>
/// <c>client.Enterprises</c> against the reference hub on loopback with its SQLite store: an insurer reads exactly what
/// its grants in force cover (an agreement for a district and industry, a consent for one enterprise), every read is
/// in the regulator's audit, revoking takes the access away at once, the CSV is what actuaries open, and partners
/// without the roles are refused.
/// </summary>
public sealed class EnterpriseClientTests
{
    private static readonly (string Id, string[] Roles)[] Partners =
    [
        ("foshan-yjj", ["regulator"]), ("pingan-insurance", ["insurer"]), ("cpic-insurance", ["insurer"]), ("shenzhen-em", ["city"]),
    ];

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

    private static EnterpriseRiskProfile Nanhai() =>
        DocumentCodecs.Default.Get<EnterpriseRiskProfile>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "enterprises", "nanhai-chemical.json"))).Value!;

    /// <summary>A valid credit code: the first 17 characters given, the check character computed.</summary>
    internal static string Code(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacterOf(first17);

    internal static EnterpriseGrant Agreement(string id, string insurer, string jurisdiction, params string[] industries) => new()
    {
        Id = id, Owner = "foshan-yjj", Revision = 1, Insurer = insurer, Basis = GrantBasis.Agreement, Jurisdiction = jurisdiction, Industries = industries,
        ValidFrom = Now.AddDays(-1), ValidUntil = Now.AddYears(1), State = GrantState.Active, UpdatedAt = Now,
    };

    [Fact]
    public async Task An_insurer_reads_what_its_grants_cover_every_read_is_audited_and_revoking_hides_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var hub = await TestExchange.StartAsync(partnerSpecs: Partners);
        using var regulator = hub.Client("foshan-yjj");
        using var pingan = hub.Client("pingan-insurance");
        using var cpic = hub.Client("cpic-insurance");
        using var city = hub.Client("shenzhen-em");

        var chemical = Nanhai();
        var textile = chemical with { Id = Code("91440605MA4W7K8P4"), CreditCode = Code("91440605MA4W7K8P4"), Industry = "C1711", Name = LocalizedText.Of("zh-CN", "=南海纺织厂"), HazardousChemicals = false };
        var shunde = chemical with { Id = Code("91440606MA4W7K8P5"), CreditCode = Code("91440606MA4W7K8P5"), Jurisdiction = "440606", Periods = [] };
        foreach (var profile in new[] { chemical, textile, shunde })
        {
            await regulator.Enterprises.PublishProfileAsync(profile, cancel);
        }

        var notARegulator = await Assert.ThrowsAsync<CityRiskException>(() => pingan.Enterprises.PublishProfileAsync(chemical with { Owner = "pingan-insurance" }, cancel));
        Assert.Equal(StatusCode.PermissionDenied, notARegulator.StatusCode);

        // Nothing granted yet: nothing exists for the insurer, not even as a count.
        Assert.Equal(0, await pingan.Enterprises.CountAsync(cancellationToken: cancel));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<CityRiskException>(() => pingan.Enterprises.GetAsync("foshan-yjj", chemical.Id, cancel))).StatusCode);

        await regulator.Enterprises.GrantAsync(Agreement("nanhai-chemicals", "pingan-insurance", "440605", "C26"), cancel);
        await regulator.Enterprises.GrantAsync(new EnterpriseGrant
        {
            Id = "consent-shunde", Owner = "foshan-yjj", Revision = 1, Insurer = "pingan-insurance", Basis = GrantBasis.Consent, CreditCode = shunde.Id,
            ConsentReference = "FS-2026-0042", ValidFrom = Now.AddDays(-1), ValidUntil = Now.AddYears(1), State = GrantState.Active, UpdatedAt = Now,
        }, cancel);
        await regulator.Enterprises.GrantAsync(Agreement("later", "cpic-insurance", "440600", "C") with { ValidFrom = Now.AddDays(30) }, cancel);

        var read = await pingan.Enterprises.QueryAsync(cancellationToken: cancel).ToListAsync(cancel);
        Assert.Equal([chemical.Id, shunde.Id], read.Select(r => r.Profile.Id));
        Assert.Equal(["nanhai-chemicals", "consent-shunde"], read.Select(r => r.GrantId));
        Assert.Equal(EnterpriseIndicators.Latest(chemical)!.RiskScore, read[0].RiskScore);
        Assert.Null(read[1].RiskScore);
        Assert.Equal(2, await pingan.Enterprises.CountAsync(cancellationToken: cancel));
        Assert.Equal(1, await pingan.Enterprises.CountAsync(new EnterpriseProfileQuery { MinScore = 10, RiskGrades = [RiskGrade.Significant] }, cancel));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<CityRiskException>(() => pingan.Enterprises.GetAsync("foshan-yjj", textile.Id, cancel))).StatusCode);
        Assert.Equal(chemical, (await pingan.Enterprises.GetAsync("foshan-yjj", chemical.Id, cancel)).Profile);

        // A grant not yet in force covers nothing; the regulator sees its own, all of them.
        Assert.Empty(await cpic.Enterprises.QueryAsync(cancellationToken: cancel).ToListAsync(cancel));
        Assert.Equal(3, await regulator.Enterprises.CountAsync(cancellationToken: cancel));

        // The CSV: a byte order mark, the header, one row per profile and period, formulas defused.
        using var csv = new MemoryStream();
        var summary = await regulator.Enterprises.ExportAsync(csv, cancellationToken: cancel);
        Assert.Equal(new EnterpriseExportSummary(3, 5), summary);
        var bytes = csv.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", EnterpriseCsv.Columns), lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.Contains("\"'=南海纺织厂\"", StringComparison.Ordinal));
        Assert.StartsWith(chemical.Id + ",佛山市南海区某化工有限公司,C2614,440605,", lines.First(l => l.StartsWith(chemical.Id, StringComparison.Ordinal)), StringComparison.Ordinal);

        using var insurerCsv = new MemoryStream();
        Assert.Equal(new EnterpriseExportSummary(2, 3), await pingan.Enterprises.ExportAsync(insurerCsv, cancellationToken: cancel));

        // Every read by the insurer is in the regulator's audit, newest first, with the grant it was under.
        var audit = await regulator.Enterprises.GetAuditAsync(new EnterpriseAuditQuery { Insurer = "pingan-insurance" }, cancel).ToListAsync(cancel);
        Assert.Equal(["export", "export", "get", "query", "query", "query", "query"], audit.Select(a => a.Via));
        Assert.Contains(audit, a => a.Via == "get" && a.CreditCode == chemical.Id && a.GrantId == "nanhai-chemicals" && a.GrantRevision == 1);
        Assert.DoesNotContain(audit, a => a.CreditCode == textile.Id);

        // Revoked: from that revision on the agreement covers nothing.
        var revoked = await regulator.Enterprises.RevokeAsync("nanhai-chemicals", "contract ended", cancel);
        Assert.Equal(2, revoked.Grant.Revision);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<CityRiskException>(() => pingan.Enterprises.GetAsync("foshan-yjj", chemical.Id, cancel))).StatusCode);
        Assert.Equal([shunde.Id], (await pingan.Enterprises.QueryAsync(cancellationToken: cancel).ToListAsync(cancel)).Select(r => r.Profile.Id));
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<CityRiskException>(() => regulator.Enterprises.RevokeAsync("nanhai-chemicals", cancellationToken: cancel))).StatusCode);

        // Neither an insurer nor a regulator: refused outright.
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<CityRiskException>(() => city.Enterprises.CountAsync(cancellationToken: cancel))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<CityRiskException>(async () => await city.Enterprises.GetAuditAsync(cancellationToken: cancel).ToListAsync(cancel))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<CityRiskException>(async () => await pingan.Enterprises.GetAuditAsync(cancellationToken: cancel).ToListAsync(cancel))).StatusCode);
    }
}
