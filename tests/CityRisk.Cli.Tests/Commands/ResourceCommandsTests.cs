using CityRisk.Sdk.Tests;
using CityRisk.Server.Partners;

namespace CityRisk.Cli.Tests.Commands;

/// <summary>
/// <c>cityrisk resources</c> against <c>cityrisk serve</c> as a real process, with the samples of docs/resources.md:
/// publish, request, offer, commit (a second time a duplicate, beyond the item refused saying what is left), report,
/// release, the fill and the pool before and after.
/// </summary>
public sealed class ResourceCommandsTests : IDisposable
{
    private static readonly string[] PartnerIds = ["foshan-em", "macau-smg"];
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-resources-cli-").FullName;
    private readonly Dictionary<string, string> _tokens = PartnerIds.ToDictionary(id => id, _ => PartnerTokens.Generate());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] As(string partner, Uri endpoint, params string[] args) => [.. args, "--endpoint", endpoint.ToString(), "--partner", partner, "--token", _tokens[partner]];

    private static string Sample(string name) => Path.Combine(CliRunner.Root, "samples", "resources", name + ".json");

    /// <summary>A sample with its times moved to now, so the offer has not expired by the hub's clock.</summary>
    private string Fresh(string name)
    {
        var text = File.ReadAllText(Sample(name));
        for (var day = 15; day <= 17; day++)
        {
            text = text.Replace($"2026-09-{day}", DateTimeOffset.UtcNow.AddDays(day - 14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var path = Path.Combine(_folder, name + ".json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_full_cycle_runs_from_the_command_line_and_the_pool_adds_up()
    {
        var partners = Path.Combine(_folder, "partners.json");
        await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. _tokens.Select(t => new Partner
        {
            Id = PartyId.Parse(t.Key),
            Roles = ["city"],
            CapSenders = [SampleAlerts.CapSender(t.Key)],
            Groups = ["gba"],
            Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(t.Value) }],
        })])), Cancel);
        var endpoint = new Uri($"http://127.0.0.1:{HubProcessRestartTests.FreePort()}/");
        var hub = await HubProcessRestartTests.StartAsync(["serve", "--partners", partners, "--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--urls", endpoint.ToString().TrimEnd('/')]);
        try
        {
            Task<(int ExitCode, string Output, string Error)> Run(string partner, params string[] args) => CliRunner.RunAsync(As(partner, endpoint, args));

            var published = await Run("foshan-em", "resources", "publish", Sample("foshan-rescue-boats"));
            Assert.True(published.ExitCode == 0, published.Error);
            Assert.Contains("resource foshan-em/fs-rescue-boats revision 1: 10 boat (Available)", published.Output, StringComparison.Ordinal);
            var requested = await Run("macau-smg", "resources", "request", Fresh("macau-typhoon-request"));
            Assert.True(requested.ExitCode == 0, requested.Error);
            var offered = await Run("foshan-em", "resources", "offer", Fresh("foshan-offer"));
            Assert.True(offered.ExitCode == 0, offered.Error);

            var pool = await Run("macau-smg", "resources", "pool", "--type", "boat", "--near", "113.5355,22.196", "--within-km", "150", "--capability", "seats>=10:1");
            Assert.True(pool.ExitCode == 0, pool.Error);
            Assert.StartsWith("foshan-em/fs-rescue-boats\tboat\t6/10 boat available\toffered 4\tcommitted 0\tAvailable\t440604\t", pool.Output, StringComparison.Ordinal);
            var badCapability = await Run("macau-smg", "resources", "pool", "--capability", "seats=10");
            Assert.Equal(2, badCapability.ExitCode);

            var committed = await Run("macau-smg", "resources", "commit", Fresh("macau-commitment"));
            Assert.True(committed.ExitCode == 0, committed.Error);
            Assert.Contains("duplicate", (await Run("macau-smg", "resources", "commit", Fresh("macau-commitment"))).Output, StringComparison.Ordinal);
            var fill = await Run("macau-smg", "resources", "fill", "macau-smg/mo-typhoon-0915");
            Assert.Contains("PartiallyFilled", fill.Output, StringComparison.Ordinal);
            Assert.Contains("item 0\twanted 6\tcommitted 4\treleased 0\toffered 0", fill.Output, StringComparison.Ordinal);

            var more = File.ReadAllText(Fresh("macau-commitment")).Replace("\"mo-c-fs-0915\"", "\"mo-c-fs-0915-b\"", StringComparison.Ordinal).Replace("\"quantity\": 4", "\"quantity\": 1", StringComparison.Ordinal);
            var morePath = Path.Combine(_folder, "more.json");
            await File.WriteAllTextAsync(morePath, more, Cancel);
            var refused = await Run("macau-smg", "resources", "commit", morePath);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("has 0 left (4 offered, 4 committed)", refused.Error, StringComparison.Ordinal);

            var reported = await Run("foshan-em", "resources", "status", Fresh("foshan-boats-en-route"));
            Assert.True(reported.ExitCode == 0, reported.Error);
            var released = await Run("macau-smg", "resources", "release", Fresh("macau-release"));
            Assert.True(released.ExitCode == 0, released.Error);
            var after = await Run("macau-smg", "resources", "pool", "--type", "boat");
            Assert.StartsWith("foshan-em/fs-rescue-boats\tboat\t10/10 boat available\toffered 0\tcommitted 0", after.Output, StringComparison.Ordinal);
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(CancellationToken.None);
            hub.Dispose();
        }
    }
}
