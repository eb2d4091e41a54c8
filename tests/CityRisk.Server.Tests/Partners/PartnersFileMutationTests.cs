using CityRisk.Server.Partners;

namespace CityRisk.Server.Tests.Partners;

/// <summary>Mutated partners files (a fixed seed) are refused with a PartnersFileException, never another exception.</summary>
public class PartnersFileMutationTests
{
    private static readonly byte[] Specials = [.. "{}[]\",:0-9tfn"u8];

    [Fact]
    public void Mutated_partners_files_fail_clearly_or_load()
    {
        var seed = PartnersFile.Serialize(new PartnerRegistry([
            new Partner { Id = CityRisk.PartyId.Parse("foshan-em"), Roles = ["city"], CapSenders = ["alerts@foshan-em.example.cn"], Credentials = [new PartnerCredential { Id = "2026-11", Hash = PartnerTokens.Hash(PartnerTokens.Generate()), NotAfter = DateTimeOffset.UnixEpoch.AddYears(60) }] },
            new Partner { Id = CityRisk.PartyId.Parse("macau-smg"), Roles = ["city", "lifeline-operator"], Credentials = [new PartnerCredential { Id = "1", Hash = PartnerTokens.Hash(PartnerTokens.Generate()), Revoked = true }] },
        ]));
        var random = new Random(20261130);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = seed.ToArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) == 0 ? (byte)random.Next(256) : Specials[random.Next(Specials.Length)];
            }

            var cut = random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
            try
            {
                _ = PartnersFile.Parse(cut);
            }
            catch (PartnersFileException)
            {
                // A clear refusal is the expected outcome.
            }
            catch (Exception ex)
            {
                Assert.Fail($"mutation {i} threw {ex.GetType().Name}: {ex.Message}\n{Convert.ToBase64String(cut)}");
            }
        }
    }
}
