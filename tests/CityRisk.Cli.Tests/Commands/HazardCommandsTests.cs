using System.Diagnostics;
using System.Text;
using CityRisk.Client;
using CityRisk.Hazards;
using CityRisk.Sdk.Tests;
using CityRisk.Server.Partners;

namespace CityRisk.Cli.Tests.Commands;

/// <summary>
/// <c>cityrisk hazards</c> and <c>cityrisk observations send</c> against <c>cityrisk serve --monitor-partner</c> as a
/// real process; and observations written while that process is killed and started again: none acknowledged is lost.
/// </summary>
public sealed class HazardCommandsTests : IDisposable
{
    private static readonly string[] PartnerIds = ["hefei-lifeline", "hefei-em", "macau-smg", "hefei-monitor"];
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-hazards-cli-").FullName;
    private readonly Dictionary<string, string> _tokens = PartnerIds.ToDictionary(id => id, _ => PartnerTokens.Generate());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(string[] Serve, Uri Endpoint)> PrepareAsync()
    {
        var partners = Path.Combine(_folder, "partners.json");
        await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. _tokens.Select(t => new Partner
        {
            Id = PartyId.Parse(t.Key),
            Roles = t.Key switch { "hefei-lifeline" => ["lifeline-operator"], "hefei-monitor" => ["hub"], _ => ["city"] },
            CapSenders = [SampleAlerts.CapSender(t.Key)],
            Credentials = [new PartnerCredential { Id = "t", Hash = PartnerTokens.Hash(t.Value) }],
        })])), Cancel);
        var endpoint = new Uri($"http://127.0.0.1:{HubProcessRestartTests.FreePort()}/");
        return (["serve", "--partners", partners, "--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--urls", endpoint.ToString().TrimEnd('/'), "--monitor-partner", "hefei-monitor"], endpoint);
    }

    private string[] As(string partner, Uri endpoint, params string[] args) => [.. args, "--endpoint", endpoint.ToString(), "--partner", partner, "--token", _tokens[partner]];

    [Fact]
    public async Task Hazards_are_registered_and_observations_sent_from_csv_with_each_bad_row_named()
    {
        var (serve, endpoint) = await PrepareAsync();
        var hub = await HubProcessRestartTests.StartAsync(serve);
        try
        {
            var bridge = Path.Combine(CliRunner.Root, "samples", "hazards", "hefei-bridge.json");
            var registered = await CliRunner.RunAsync(As("hefei-lifeline", endpoint, "hazards", "register", bridge));
            Assert.True(registered.ExitCode == 0, registered.Error);
            Assert.Contains("published hazard hefei-lifeline/hf-bridge-0042 revision 1", registered.Output, StringComparison.Ordinal);

            var csv = new StringBuilder("observed_at,indicator_id,value,sensor_id,quality\n");
            var start = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8));
            for (var minute = 0; minute < 10; minute++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{start.AddMinutes(minute):yyyy-MM-dd'T'HH:mm:sszzz},strain-s3,{(minute == 6 ? 1050 : 600)},s3-a,good\n");
            }

            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{start.AddMinutes(11):yyyy-MM-dd'T'HH:mm:sszzz},strain-s3,abc,s3-a,good\n");
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{start.AddMinutes(12):yyyy-MM-dd'T'HH:mm:sszzz},tilt,1,s3-a,good\n");
            var path = Path.Combine(_folder, "readings.csv");
            await File.WriteAllTextAsync(path, csv.ToString(), Cancel);

            var sent = await CliRunner.RunAsync(As("hefei-lifeline", endpoint, "observations", "send", path, "--hazard", "hefei-lifeline/hf-bridge-0042"));
            Assert.Equal(1, sent.ExitCode);
            Assert.Contains("12 rows: 10 recorded, 0 already recorded, 1 refused, 1 unreadable", sent.Output, StringComparison.Ordinal);
            Assert.Contains("row 11: unreadable: value 'abc' is not a number", sent.Error, StringComparison.Ordinal);
            Assert.Contains("row 12: refused (InvalidArgument): indicator_id: Hazard hefei-lifeline/hf-bridge-0042 has no indicator 'tilt'", sent.Error, StringComparison.Ordinal);

            var again = await CliRunner.RunWithInputAsync(Encoding.UTF8.GetBytes(csv.ToString()), As("hefei-lifeline", endpoint, "observations", "send", "-", "--hazard", "hefei-lifeline/hf-bridge-0042"));
            Assert.Contains("0 recorded, 10 already recorded", again.Output, StringComparison.Ordinal);

            var status = await CliRunner.RunAsync(As("hefei-em", endpoint, "hazards", "status", "hefei-lifeline/hf-bridge-0042"));
            Assert.True(status.ExitCode == 0, status.Error);
            Assert.Contains("revision 1: Orange (warning hefei-monitor/cityrisk-hazard.hefei-lifeline.hf-bridge-0042.1)", status.Output, StringComparison.Ordinal);

            var seen = await CliRunner.RunAsync(As("hefei-em", endpoint, "hazards", "query"));
            Assert.StartsWith("hefei-lifeline/hf-bridge-0042\trevision 1\tbridge\tLifeline\tSignificant\t340102\t南淝河大桥", seen.Output, StringComparison.Ordinal);
            var hidden = await CliRunner.RunAsync(As("macau-smg", endpoint, "hazards", "get", "hefei-lifeline/hf-bridge-0042"));
            Assert.Equal(1, hidden.ExitCode);
            Assert.Contains("NOT_FOUND", hidden.Error, StringComparison.Ordinal);
            var json = await CliRunner.RunAsync(As("hefei-em", endpoint, "hazards", "get", "hefei-lifeline/hf-bridge-0042"));
            Assert.Contains("\"id\":\"hf-bridge-0042\"", json.Output, StringComparison.Ordinal);
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(CancellationToken.None);
            hub.Dispose();
        }
    }

    [Fact]
    public async Task No_acknowledged_observation_is_lost_when_the_hub_process_is_killed_mid_stream()
    {
        var (serve, endpoint) = await PrepareAsync();
        var hub = await HubProcessRestartTests.StartAsync(serve);
        try
        {
            var options = new CityRiskClientOptions();
            options.Retry.MaxRetries = 30;
            options.Retry.Delay = TimeSpan.FromMilliseconds(100);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
            using var owner = new CityRiskClient(endpoint, new CityRiskCredential("hefei-lifeline", _tokens["hefei-lifeline"]), options);
            var bridge = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson).Read(await File.ReadAllBytesAsync(Path.Combine(CliRunner.Root, "samples", "hazards", "hefei-bridge.json"), Cancel)).Value!;
            await owner.Hazards.RegisterAsync(bridge, Cancel);

            const int total = 20_000;
            var start = DateTimeOffset.UtcNow.AddDays(-1);
            var writer = owner.Hazards.CreateObservationWriter(new ObservationWriterOptions { BatchSize = 250, MaxDelay = TimeSpan.FromMilliseconds(5) });
            var killed = false;
            for (var i = 0; i < total; i++)
            {
                await writer.WriteAsync(new Observation { HazardOwner = "hefei-lifeline", HazardId = "hf-bridge-0042", IndicatorId = "strain-s3", ObservedAt = start.AddSeconds(i), Value = 500 + (i % 100) }, Cancel);
                if (!killed && writer.Summary.Recorded >= 5_000)
                {
                    // Killed while batches are in flight: no graceful stop.
                    killed = true;
                    hub.Kill(entireProcessTree: true);
                    await hub.WaitForExitAsync(Cancel);
                    hub.Dispose();
                    hub = await HubProcessRestartTests.StartAsync(serve);
                }
            }

            var summary = await writer.CompleteAsync(Cancel);
            Assert.True(killed);
            Assert.Equal((total, 0L), (summary.Recorded + summary.Duplicates, summary.Refused));
            var stored = await owner.Hazards.QueryObservationsAsync("hefei-lifeline", "hf-bridge-0042", cancellationToken: Cancel).CountAsync(Cancel);
            Assert.Equal(total, stored);
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(CancellationToken.None);
            hub.Dispose();
        }
    }
}
