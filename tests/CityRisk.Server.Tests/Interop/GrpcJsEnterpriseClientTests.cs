using CityRisk.Client;
using CityRisk.Enterprises;
using CityRisk.Server.Tests.Exchange;

namespace CityRisk.Server.Tests.Interop;

/// <summary>
/// An insurer and a regulator written with grpc-js from the .proto alone call the hub's enterprise RPCs: the query with
/// its total, Get under a grant (and NOT_FOUND outside it), the streamed export, the audit and its PERMISSION_DENIED.
/// </summary>
public class GrpcJsEnterpriseClientTests
{
    [Fact]
    public async Task Grpc_js_reads_under_a_grant_exports_and_the_regulator_reads_the_audit()
    {
        NodePeer.SkipIfMissing();
        var cancel = TestContext.Current.CancellationToken;
        await using var hub = await TestHub.StartAsync([("foshan-yjj", ["regulator"]), ("pingan-insurance", ["insurer"])]);
        using var regulator = new CityRiskClient(hub.Address, new CityRiskCredential("foshan-yjj", hub.TokenOf("foshan-yjj")));
        var sample = Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "samples", "enterprises");
        var profile = DocumentCodecs.Default.Get<EnterpriseRiskProfile>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(sample, "nanhai-chemical.json"))).Value!;
        var hiddenCode = "91440606MA54GK9Q8" + UnifiedSocialCreditCode.CheckCharacterOf("91440606MA54GK9Q8");
        await regulator.Enterprises.PublishProfileAsync(profile, cancel);
        await regulator.Enterprises.PublishProfileAsync(profile with { Id = hiddenCode, CreditCode = hiddenCode, Jurisdiction = "440606" }, cancel);
        var agreement = DocumentCodecs.Default.Get<EnterpriseGrant>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(sample, "nanhai-agreement.json"))).Value!;
        await regulator.Enterprises.GrantAsync(agreement with { ValidFrom = DateTimeOffset.UtcNow.AddDays(-1), ValidUntil = DateTimeOffset.UtcNow.AddYears(1) }, cancel);

        var args = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(args, $$"""
                {"address":"127.0.0.1:{{hub.Address.Port}}","insurerToken":"{{hub.TokenOf("pingan-insurance")}}","regulatorToken":"{{hub.TokenOf("foshan-yjj")}}",
                 "owner":"foshan-yjj","creditCode":"{{profile.Id}}","hiddenCode":"{{hiddenCode}}"}
                """, cancel);
            var cases = await NodePeer.RunCasesAsync("enterprise-client.mjs", args);

            var query = cases["query"];
            Assert.Equal(0, query.GetProperty("code").GetInt32());
            Assert.Equal([profile.Id], query.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal("1", query.GetProperty("total").GetString());
            Assert.Equal(53.6, query.GetProperty("riskScore").GetDouble());
            Assert.Equal(agreement.Id, query.GetProperty("grant").GetString());
            Assert.Equal(0, cases["get"].GetProperty("code").GetInt32());
            Assert.Equal(profile.Id, cases["get"].GetProperty("id").GetString());
            Assert.Equal(5, cases["get-hidden"].GetProperty("code").GetInt32());
            var export = cases["export"];
            Assert.Equal(0, export.GetProperty("code").GetInt32());
            Assert.Equal(2, export.GetProperty("rows").GetInt32());
            Assert.Equal("2024-01-01T00:00:00+08:00", export.GetProperty("first").GetProperty("periodFrom").GetString());
            Assert.Equal(44.0, export.GetProperty("first").GetProperty("riskScore").GetDouble());
            Assert.Equal(["export", "get", "query"], cases["audit"].GetProperty("via").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(7, cases["audit-by-insurer"].GetProperty("code").GetInt32());
        }
        finally
        {
            File.Delete(args);
        }
    }
}
