using System.Text;
using CityRisk.Server.Partners;

namespace CityRisk.Server.Tests.Partners;

public class PartnerRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 16, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Tokens_are_random_prefixed_and_hashed_as_sha256()
    {
        var token = PartnerTokens.Generate();
        Assert.StartsWith("crk_", token, StringComparison.Ordinal);
        Assert.NotEqual(token, PartnerTokens.Generate());
        Assert.Equal(4 + 43, token.Length);
        var hash = PartnerTokens.Hash(token);
        Assert.StartsWith("sha256:", hash, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(hash["sha256:".Length..]).Length);
        Assert.DoesNotContain(token[4..], hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Authentication_tells_every_outcome_apart_and_allows_rotation()
    {
        var (current, next, revoked, expired) = (PartnerTokens.Generate(), PartnerTokens.Generate(), PartnerTokens.Generate(), PartnerTokens.Generate());
        var registry = new PartnerRegistry(
        [
            new Partner
            {
                Id = PartyId.Parse("foshan-em"),
                Roles = ["city"],
                Credentials =
                [
                    new PartnerCredential { Id = "2026-05", Hash = PartnerTokens.Hash(current) },
                    new PartnerCredential { Id = "2026-11", Hash = PartnerTokens.Hash(next), NotAfter = Now.AddYears(1) },
                    new PartnerCredential { Id = "2025-11", Hash = PartnerTokens.Hash(revoked), Revoked = true },
                    new PartnerCredential { Id = "2025-05", Hash = PartnerTokens.Hash(expired), NotAfter = Now.AddSeconds(-1) },
                ],
            },
        ]);

        Assert.Equal("foshan-em", registry.Authenticate(current, Now).Partner!.Id.Value);
        Assert.Equal(AuthenticationOutcome.Authenticated, registry.Authenticate(next, Now).Outcome);
        Assert.Equal(AuthenticationOutcome.Revoked, registry.Authenticate(revoked, Now).Outcome);
        Assert.Equal(AuthenticationOutcome.Expired, registry.Authenticate(expired, Now).Outcome);
        Assert.Equal(AuthenticationOutcome.Unknown, registry.Authenticate(PartnerTokens.Generate(), Now).Outcome);
        Assert.Equal(AuthenticationOutcome.Missing, registry.Authenticate(null, Now).Outcome);
        Assert.Equal(("foshan-em", "2025-11"), (registry.Authenticate(revoked, Now).Partner!.Id.Value, registry.Authenticate(revoked, Now).CredentialId));
        Assert.Null(registry.Authenticate(PartnerTokens.Generate(), Now).Partner);
    }

    [Fact]
    public void Partners_file_round_trips()
    {
        var token = PartnerTokens.Generate();
        var registry = PartnersFile.Parse(Encoding.UTF8.GetBytes($$"""
            {
              // comments are allowed, for operators' notes
              "partners": [
                { "id": "shenzhen-gas", "name": "Shenzhen Gas", "roles": ["lifeline-operator"], "capSenders": ["monitor@shenzhen-gas.example.cn"],
                  "credentials": [ { "id": "2026-11", "hash": "{{PartnerTokens.Hash(token)}}", "notAfter": "2027-11-23T00:00:00+08:00" } ] },
              ]
            }
            """));

        var partner = Assert.Single(registry.Partners);
        Assert.True(partner.HasRole("lifeline-operator"));
        Assert.Equal(["monitor@shenzhen-gas.example.cn"], partner.CapSenders);
        Assert.Equal(AuthenticationOutcome.Authenticated, registry.Authenticate(token, Now).Outcome);

        var again = PartnersFile.Parse(PartnersFile.Serialize(registry));
        Assert.Equal(partner.Credentials, again.Partners[0].Credentials);
        Assert.Equal(partner.Roles, again.Partners[0].Roles);
    }

    [Fact]
    public void Every_problem_of_a_bad_partners_file_is_reported_with_its_path()
    {
        var hash = PartnerTokens.Hash(PartnerTokens.Generate());
        var error = Assert.Throws<PartnersFileException>(() => PartnersFile.Parse(Encoding.UTF8.GetBytes($$"""
            { "partners": [
              { "id": "Foshan EM", "credentials": [ { "id": "a", "hash": "{{hash}}" } ] },
              { "id": "macau-smg", "credentials": [ { "id": "", "hash": "crk_plaintext-token" } ] },
              { "id": "macau-smg", "credentials": [ { "id": "b", "hash": "{{hash}}" } ] }
            ] }
            """), "partners.json"));

        Assert.Equal(
            ["PARTNERS-ID-INVALID partners[0].id", "PARTNERS-CREDENTIAL-ID-MISSING partners[1].credentials[0].id", "PARTNERS-HASH-INVALID partners[1].credentials[0].hash",
             "PARTNERS-ID-DUPLICATE partners[2].id", "PARTNERS-HASH-DUPLICATE partners[2].credentials[0].hash"],
            error.Problems.Select(p => $"{p.Code} {p.Path}"));
        Assert.Contains("partners.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "PARTNERS-MALFORMED")]
    [InlineData("{ \"partners\": [ { \"id\": ", "PARTNERS-MALFORMED")]
    [InlineData("{ \"partner\": [] }", "PARTNERS-MALFORMED")]
    [InlineData("{ \"partners\": [] }", "PARTNERS-EMPTY")]
    public void Malformed_or_empty_files_are_refused(string content, string code)
    {
        var error = Assert.Throws<PartnersFileException>(() => PartnersFile.Parse(Encoding.UTF8.GetBytes(content)));
        Assert.Equal(code, error.Problems[0].Code);
    }

    [Fact]
    public void Mutual_aid_groups_are_read_checked_and_written_back()
    {
        var hash = PartnerTokens.Hash(PartnerTokens.Generate());
        var registry = PartnersFile.Parse(Encoding.UTF8.GetBytes($$"""
            { "partners": [ { "id": "foshan-em", "roles": ["city"], "credentials": [ { "id": "a", "hash": "{{hash}}" } ] },
                            { "id": "macau-smg", "roles": ["city"], "credentials": [] } ],
              "groups": { "gba": ["foshan-em", "macau-smg"], "pearl-river": ["foshan-em"] } }
            """));
        Assert.Equal(["gba", "pearl-river"], registry.Find("foshan-em")!.Groups);
        Assert.True(registry.Find("macau-smg")!.IsInGroup("gba"));
        Assert.False(registry.Find("macau-smg")!.IsInGroup("pearl-river"));
        var again = PartnersFile.Parse(PartnersFile.Serialize(registry));
        Assert.Equal(["gba", "pearl-river"], again.Find("foshan-em")!.Groups);

        var bad = Assert.Throws<PartnersFileException>(() => PartnersFile.Parse(Encoding.UTF8.GetBytes($$"""
            { "partners": [ { "id": "foshan-em", "credentials": [ { "id": "a", "hash": "{{hash}}" } ] } ],
              "groups": { "GBA": ["foshan-em"], "gba": ["macau-smg", "foshan-em", "foshan-em"] } }
            """)));
        Assert.Equal(["groups.GBA", "groups.gba[0]", "groups.gba[2]"], bad.Problems.Where(p => p.Code == "PARTNERS-GROUP-INVALID").Select(p => p.Path));
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<PartnersFileException>(() => PartnersFile.LoadAsync("/nonexistent/partners.json", TestContext.Current.CancellationToken));
        Assert.Equal("PARTNERS-UNREADABLE", Assert.Single(error.Problems).Code);
    }
}
