using System.Text;
using CityRisk.Sdk.Tests;
using CityRisk.Server.Partners;

namespace CityRisk.Cli.Tests.Commands;

/// <summary>
/// <c>cityrisk incidents</c> against <c>cityrisk serve</c> as a real process: report, every step by the partner allowed
/// to take it, refusals with their reasons, the history, a query, and the statistics as a table, JSON and CSV.
/// </summary>
public sealed class IncidentCommandsTests : IDisposable
{
    private static readonly string[] PartnerIds = ["kaifeng-grid", "kaifeng-gulou", "kaifeng-water"];
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-incidents-cli-").FullName;
    private readonly Dictionary<string, string> _tokens = PartnerIds.ToDictionary(id => id, _ => PartnerTokens.Generate());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] As(string partner, Uri endpoint, params string[] args) => [.. args, "--endpoint", endpoint.ToString(), "--partner", partner, "--token", _tokens[partner]];

    [Fact]
    public async Task The_closed_loop_runs_from_the_command_line_and_stats_print_as_table_json_and_csv()
    {
        var partners = Path.Combine(_folder, "partners.json");
        await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. _tokens.Select(t => new Partner
        {
            Id = PartyId.Parse(t.Key),
            Roles = t.Key == "kaifeng-water" ? ["lifeline-operator"] : ["city"],
            CapSenders = [SampleAlerts.CapSender(t.Key)],
            Jurisdictions = t.Key == "kaifeng-gulou" ? ["410204"] : [],
            Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(t.Value) }],
        })])), Cancel);
        var endpoint = new Uri($"http://127.0.0.1:{HubProcessRestartTests.FreePort()}/");
        var hub = await HubProcessRestartTests.StartAsync(["serve", "--partners", partners, "--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--urls", endpoint.ToString().TrimEnd('/')]);
        try
        {
            var report = Path.Combine(CliRunner.Root, "samples", "incidents", "kaifeng-drainage-outlet.json");
            var reported = await CliRunner.RunAsync(As("kaifeng-grid", endpoint, "incidents", "report", report));
            Assert.True(reported.ExitCode == 0, reported.Error);
            Assert.Contains("reported incident kaifeng-grid/kf-2026-000123", reported.Output, StringComparison.Ordinal);

            const string Key = "kaifeng-grid/kf-2026-000123";
            var illegal = await CliRunner.RunAsync(As("kaifeng-gulou", endpoint, "incidents", "transition", Key, "Handling"));
            Assert.Equal(1, illegal.ExitCode);
            Assert.Contains("from there it may become Reported, Verified, Rejected, Merged, not Handling", illegal.Error, StringComparison.Ordinal);

            foreach (var (partner, args) in new (string, string[])[]
            {
                ("kaifeng-gulou", ["Verified", "--note", "Confirmed by camera 17."]),
                ("kaifeng-gulou", ["Dispatched", "--assign-to", "kaifeng-water"]),
                ("kaifeng-water", ["Handling"]),
                ("kaifeng-water", ["Resolved", "--note", "Outlet cleared."]),
            })
            {
                var step = await CliRunner.RunAsync(As(partner, endpoint, ["incidents", "transition", Key, .. args]));
                Assert.True(step.ExitCode == 0, step.Error);
            }

            var notYours = await CliRunner.RunAsync(As("kaifeng-water", endpoint, "incidents", "transition", Key, "Closed"));
            Assert.Equal(1, notYours.ExitCode);
            Assert.Contains("Resolved → Closed may be taken by the reporter or the jurisdiction; 'kaifeng-water' is the assignee", notYours.Error, StringComparison.Ordinal);
            var closed = await CliRunner.RunAsync(As("kaifeng-grid", endpoint, "incidents", "transition", Key, "Closed", "--note", "Checked: dry."));
            Assert.True(closed.ExitCode == 0, closed.Error);
            Assert.Contains("revision 6: Closed, assigned to kaifeng-water", closed.Output, StringComparison.Ordinal);

            var history = await CliRunner.RunAsync(As("kaifeng-water", endpoint, "incidents", "get", Key, "--history"));
            Assert.True(history.ExitCode == 0, history.Error);
            Assert.Equal(["Reported", "Verified", "Dispatched", "Handling", "Resolved", "Closed"],
                history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[3].Split(' ')[0]));

            var query = await CliRunner.RunAsync(As("kaifeng-gulou", endpoint, "incidents", "query", "--state", "Closed", "--category", "accident"));
            Assert.True(query.ExitCode == 0, query.Error);
            Assert.StartsWith($"{Key}\trevision 6\tClosed\taccident/drainage-facility\tIV\t410204", query.Output, StringComparison.Ordinal);

            string[] period = ["--jurisdiction", "410200", "--from", "2026-11-01T00:00:00+08:00", "--to", "2026-12-01T00:00:00+08:00"];
            var table = await CliRunner.RunAsync(As("kaifeng-gulou", endpoint, ["incidents", "stats", .. period]));
            Assert.True(table.ExitCode == 0, table.Error);
            Assert.Matches(@"(?m)^410204\s+1\s+1\s+0\s+0\s+0\s+100\.00 %", table.Output);

            var csv = await CliRunner.RunAsync(As("kaifeng-gulou", endpoint, ["incidents", "stats", .. period, "--format", "csv"]));
            Assert.True(csv.ExitCode == 0, csv.Error);
            var lines = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("jurisdiction,reported,closed,rejected,merged,open,closure_rate,median_seconds_to_close,p90_seconds_to_close,open_older_than", lines[0]);
            Assert.StartsWith("410200,1,1,0,0,0,1,", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("410204,1,1,0,0,0,1,", lines[2], StringComparison.Ordinal);

            var json = await CliRunner.RunAsync(As("kaifeng-gulou", endpoint, ["incidents", "stats", .. period, "--format", "json"]));
            Assert.True(json.ExitCode == 0, json.Error);
            var parsed = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!;
            Assert.Equal(1, (int)parsed["total"]!["closed"]!);
            Assert.Equal("410204", (string?)parsed["subdivisions"]![0]!["jurisdiction"]);
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(CancellationToken.None);
            hub.Dispose();
        }
    }
}
