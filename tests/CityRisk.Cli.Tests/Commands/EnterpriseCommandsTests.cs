using System.Text;
using CityRisk.Sdk.Tests;
using CityRisk.Server.Partners;

namespace CityRisk.Cli.Tests.Commands;

/// <summary>
/// <c>cityrisk enterprises</c> against <c>cityrisk serve</c> as a real process, with the samples of docs/insurers.md: the
/// regulator publishes the profile and the agreement, the insurer queries and exports it to a CSV, a city is refused,
/// the regulator reads the audit and revokes, and the profile is gone for the insurer.
/// </summary>
public sealed class EnterpriseCommandsTests : IDisposable
{
    private static readonly (string Id, string Role)[] Partners = [("foshan-yjj", "regulator"), ("pingan-insurance", "insurer"), ("shenzhen-em", "city")];
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-enterprises-cli-").FullName;
    private readonly Dictionary<string, string> _tokens = Partners.ToDictionary(p => p.Id, _ => PartnerTokens.Generate());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] As(string partner, Uri endpoint, params string[] args) => [.. args, "--endpoint", endpoint.ToString(), "--partner", partner, "--token", _tokens[partner]];

    private static string Sample(string name) => Path.Combine(CliRunner.Root, "samples", "enterprises", name + ".json");

    [Fact]
    public async Task A_regulator_grants_an_insurer_queries_and_exports_and_the_audit_shows_it()
    {
        var partners = Path.Combine(_folder, "partners.json");
        await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. Partners.Select(p => new Partner
        {
            Id = PartyId.Parse(p.Id),
            Roles = [p.Role],
            Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(_tokens[p.Id]) }],
        })])), Cancel);
        var endpoint = new Uri($"http://127.0.0.1:{HubProcessRestartTests.FreePort()}/");
        var hub = await HubProcessRestartTests.StartAsync(["serve", "--partners", partners, "--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--urls", endpoint.ToString().TrimEnd('/')]);
        try
        {
            Task<(int ExitCode, string Output, string Error)> Run(string partner, params string[] args) => CliRunner.RunAsync(As(partner, endpoint, args));

            var published = await Run("foshan-yjj", "enterprises", "publish", Sample("nanhai-chemical"));
            Assert.True(published.ExitCode == 0, published.Error);
            Assert.Contains("profile foshan-yjj/91440605MA4W7K8P38 revision 1 (Significant, 2 period(s))", published.Output, StringComparison.Ordinal);
            Assert.Equal("0", (await Run("pingan-insurance", "enterprises", "query", "--count")).Output.Trim());

            // The agreement's validity moved to start yesterday and end in a year.
            var agreement = Path.Combine(_folder, "agreement.json");
            await File.WriteAllTextAsync(agreement, (await File.ReadAllTextAsync(Sample("nanhai-agreement"), Cancel))
                .Replace("2026-01-01T00:00:00+08:00", DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("2027-01-01T00:00:00+08:00", DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-dd'T'00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Cancel);
            var granted = await Run("foshan-yjj", "enterprises", "grant", agreement);
            Assert.True(granted.ExitCode == 0, granted.Error);
            Assert.Contains("grant foshan-yjj/nanhai-chemicals-2026 revision 1 to pingan-insurance: agreement for 440605 in C26", granted.Output, StringComparison.Ordinal);
            var asInsurer = await Run("pingan-insurance", "enterprises", "grant", agreement);
            Assert.NotEqual(0, asInsurer.ExitCode);
            Assert.Contains("not as 'foshan-yjj'", asInsurer.Error, StringComparison.Ordinal);

            var query = await Run("pingan-insurance", "enterprises", "query", "--hazardous-chemicals", "true", "--min-score", "50", "--jurisdiction", "440600");
            Assert.True(query.ExitCode == 0, query.Error);
            Assert.Equal("91440605MA4W7K8P38\tfoshan-yjj\t佛山市南海区某化工有限公司\tC2614\t440605\tSignificant\tchemicals\tmajor-hazard\tscore 53.6\tgrant nanhai-chemicals-2026", query.Output.Trim());
            var badGrade = await Run("pingan-insurance", "enterprises", "query", "--grade", "High");
            Assert.Equal(2, badGrade.ExitCode);
            var badIndustry = await Run("pingan-insurance", "enterprises", "query", "--industry", "26");
            Assert.Equal(1, badIndustry.ExitCode);
            Assert.Contains("industries[0]", badIndustry.Error, StringComparison.Ordinal);

            var csv = Path.Combine(_folder, "risk.csv");
            var exported = await Run("pingan-insurance", "enterprises", "export", "--out", csv);
            Assert.True(exported.ExitCode == 0, exported.Error);
            Assert.Contains("wrote 2 row(s) for 1 enterprise(s)", exported.Error, StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(csv, Cancel);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.EndsWith(",0.75,0.16666666666666666,1,0.5555555555555556,53.6,foshan-yjj,1,2026-01-15T10:00:00+08:00", lines[2], StringComparison.Ordinal);
            Assert.False(File.Exists(csv + ".partial"));

            var refused = await Run("shenzhen-em", "enterprises", "export", "--out", Path.Combine(_folder, "city.csv"));
            Assert.Equal(1, refused.ExitCode);
            Assert.False(File.Exists(Path.Combine(_folder, "city.csv")));
            Assert.False(File.Exists(Path.Combine(_folder, "city.csv.partial")));

            var audit = await Run("foshan-yjj", "enterprises", "audit", "--insurer", "pingan-insurance");
            Assert.True(audit.ExitCode == 0, audit.Error);
            var entries = audit.Output.Trim().Split('\n');
            Assert.Equal(["export", "query"], entries.Select(e => e.Split('\t')[^1]));
            Assert.All(entries, e => Assert.Contains("grant nanhai-chemicals-2026 (revision 1)", e, StringComparison.Ordinal));

            var revoked = await Run("foshan-yjj", "enterprises", "revoke", "nanhai-chemicals-2026", "--note", "contract ended");
            Assert.True(revoked.ExitCode == 0, revoked.Error);
            Assert.Contains("revoked grant foshan-yjj/nanhai-chemicals-2026 (revision 2)", revoked.Output, StringComparison.Ordinal);
            Assert.Equal("0", (await Run("pingan-insurance", "enterprises", "query", "--count")).Output.Trim());
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(Cancel);
        }
    }
}
