using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CityRisk.Client;
using Grpc.Health.V1;

namespace CityRisk.Cli.Tests.Commands;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-serve-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> PartnersFileAsync()
    {
        var path = Path.Combine(_folder, "partners.json");
        var (exit, output, _) = await CliRunner.RunAsync("partners", "add", path, "--id", "foshan-em", "--role", "city", "--cap-sender", "alerts@foshan-em.example.cn");
        Assert.Equal(0, exit);
        Assert.Contains("token: crk_", output, StringComparison.Ordinal);
        return path;
    }

    [Fact]
    public async Task Serve_runs_a_hub_that_answers_health_checks_and_stops_cleanly()
    {
        var partners = await PartnersFileAsync();
        await ServeAsync(["--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--partners", partners], async (_, address, _) =>
        {
            using var channel = CityRiskChannel.Create(address);
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: Cancel);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            Assert.True(File.Exists(Path.Combine(_folder, "hub.db")));
        });
    }

    /// <summary>Runs <c>cityrisk serve</c> on a free loopback port until <paramref name="body"/> is done, then kills it.</summary>
    private static async Task ServeAsync(string[] arguments, Func<Process, Uri, CancellationToken, Task> body, int seconds = 60)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "cityrisk.dll"), "serve", "--urls", "http://127.0.0.1:0", .. arguments])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("cityrisk hub listening on ", StringComparison.Ordinal));

            Assert.NotNull(line);
            await body(process, new Uri(line["cityrisk hub listening on ".Length..]), timeout.Token);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Cancel);
        }
    }

    [Fact]
    public async Task The_conformance_kit_passes_cityrisk_serve_with_every_check_run_SUB_007_included()
    {
        // The kit's four parties, registered as an operator would, and the identities file that names them.
        var partners = Path.Combine(_folder, "partners.json");
        var parties = new Dictionary<string, object>();
        foreach (var (name, id, role) in new[]
        {
            ("city-a", "conf-city-a", "city"), ("city-b", "conf-city-b", "city"), ("lifeline-operator", "conf-gas", "lifeline-operator"), ("outsider", "conf-outsider", "vendor"),
            ("regulator", "conf-regulator", "regulator"), ("insurer", "conf-insurer", "insurer"),
        })
        {
            var sender = $"alerts@{id}.example.cn";
            // The two cities and the operator form the mutual-aid group the resources capability needs.
            string[] group = name is "outsider" or "regulator" or "insurer" ? [] : ["--group", "conf-gba"];
            var (exit, output, error) = await CliRunner.RunAsync(["partners", "add", partners, "--id", id, "--role", role, "--cap-sender", sender, .. group]);
            Assert.True(exit == 0, error);
            var token = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];
            parties[name] = new { partnerId = id, token, capSender = sender, role };
        }

        // The jurisdiction the incidents capability needs: responsible for Gulou district.
        var district = await CliRunner.RunAsync("partners", "add", partners, "--id", "conf-district", "--role", "city", "--cap-sender", "alerts@conf-district.example.cn", "--jurisdiction", "410204");
        Assert.True(district.ExitCode == 0, district.Error);
        var districtToken = district.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];
        parties["jurisdiction"] = new { partnerId = "conf-district", token = districtToken, capSender = "alerts@conf-district.example.cn", role = "city", division = "410204" };

        // The partner the hub publishes hazards' warnings as (the hazards capability needs them).
        var monitor = await CliRunner.RunAsync("partners", "add", partners, "--id", "conf-monitor", "--role", "hub", "--cap-sender", "monitor@conf-hub.example.cn");
        Assert.True(monitor.ExitCode == 0, monitor.Error);

        var identities = Path.Combine(_folder, "identities.json");
        await File.WriteAllTextAsync(identities, System.Text.Json.JsonSerializer.Serialize(new { parties, limits = new { maxSubscriberLag = 64 }, mutualAidGroup = "conf-gba" }), Cancel);

        await ServeAsync(["--store", $"sqlite:{Path.Combine(_folder, "hub.db")}", "--partners", partners, "--max-subscriber-lag", "64", "--monitor-partner", "conf-monitor"], async (_, address, _) =>
        {
            var (exit, output, error) = await CliRunner.RunAsync("conformance", "--endpoint", address.ToString(), "--identities", identities);

            Assert.True(exit == 0, output + error);
            Assert.Contains("PASS  SUB-007", output, StringComparison.Ordinal);
            Assert.Contains("PASS  HAZ-004", output, StringComparison.Ordinal);
            Assert.Contains("PASS  INC-004", output, StringComparison.Ordinal);
            Assert.Contains("PASS  RES-003", output, StringComparison.Ordinal);
            Assert.Contains("PASS  ENT-002", output, StringComparison.Ordinal);
            Assert.Contains(" 0 failed, 0 skipped, 0 could not run", output, StringComparison.Ordinal);
        }, seconds: 300);
    }

    [Fact]
    public async Task Serve_writes_json_logs_with_security_events_and_applies_its_connection_limits()
    {
        var partners = await PartnersFileAsync();
        await ServeAsync(["--store", "memory", "--partners", partners, "--log-format", "json", "--idle-timeout", "2"], async (process, address, token) =>
        {
            string? line;
            using var channel = CityRiskChannel.Create(address);
            var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new CityRisk.Protocol.V1.Exchange.ExchangeClient(channel).GetAsync(
                new CityRisk.Protocol.V1.GetRequest { Message = new CityRisk.Protocol.V1.MessageRef { Sender = "foshan-em", Id = "x" } },
                new Grpc.Core.Metadata { { "authorization", "Bearer crk_not-a-token" } }, DateTime.UtcNow.AddSeconds(20), Cancel).ResponseAsync);
            Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, refused.StatusCode);

            // The security event arrives as one JSON object with its id and category.
            System.Text.Json.JsonElement security = default;
            while (security.ValueKind == System.Text.Json.JsonValueKind.Undefined && (line = await process.StandardOutput.ReadLineAsync(token)) is not null)
            {
                if (line.StartsWith('{'))
                {
                    var entry = System.Text.Json.JsonDocument.Parse(line).RootElement;
                    if (entry.GetProperty("EventId").GetInt32() == 1001)
                    {
                        security = entry;
                    }
                }
            }

            Assert.Equal("CityRisk.Server.Security", security.GetProperty("Category").GetString());
            Assert.Equal("Unknown", security.GetProperty("State").GetProperty("Reason").GetString());

            // --idle-timeout 2: half a preface and then silence is closed in seconds, not two minutes.
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, address.Port, Cancel);
            var stream = socket.GetStream();
            await stream.WriteAsync("PRI * HTTP/2.0\r\n"u8.ToArray(), Cancel);
            var clock = Stopwatch.StartNew();
            var buffer = new byte[64];
            while (await stream.ReadAsync(buffer, token) > 0)
            {
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"closed after {clock.Elapsed}");
        });
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        var partners = await PartnersFileAsync();
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;
        var (exit, _, error) = await CliRunner.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--store", "memory", "--partners", partners);
        Assert.Equal(2, exit);
        Assert.Contains($"Cannot listen on http://127.0.0.1:{port}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_store_path_or_partners_file_is_a_clear_error()
    {
        var partners = await PartnersFileAsync();
        var (exit, _, error) = await CliRunner.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--store", "sqlite:/no/such/folder/hub.db", "--partners", partners);
        Assert.Equal(2, exit);
        Assert.Contains("the folder '/no/such/folder' does not exist", error, StringComparison.Ordinal);

        var broken = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(broken, "{ \"partners\": [ { \"id\": \"Foshan\", \"credentials\": [ { \"id\": \"a\", \"hash\": \"crk_oops\" } ] } ] }", Cancel);
        (exit, _, error) = await CliRunner.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--store", "memory", "--partners", broken);
        Assert.Equal(2, exit);
        Assert.Contains("PARTNERS-ID-INVALID partners[0].id", error, StringComparison.Ordinal);
        Assert.Contains("PARTNERS-HASH-INVALID partners[0].credentials[0].hash", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:7180", "cleartext on a non-loopback address")]
    [InlineData("https://127.0.0.1:7443", "needs --tls-cert and --tls-key")]
    [InlineData("ftp://127.0.0.1:21", "is not an http:// or https:// address")]
    public async Task Unsafe_or_wrong_addresses_are_refused_before_listening(string url, string message)
    {
        var (exit, _, error) = await CliRunner.RunAsync("serve", "--urls", url, "--partners", await PartnersFileAsync());
        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partners_add_rotates_an_existing_partner_and_hash_token_prints_a_hash()
    {
        var path = await PartnersFileAsync();
        var (exit, output, _) = await CliRunner.RunAsync("partners", "add", path, "--id", "foshan-em", "--credential-id", "2027-01");
        Assert.Equal(0, exit);
        Assert.StartsWith("rotated foshan-em credential 2027-01", output, StringComparison.Ordinal);
        var registry = await CityRisk.Server.Partners.PartnersFile.LoadAsync(path, Cancel);
        Assert.Equal(2, registry.Partners.Single().Credentials.Count);

        // A second rotation under the same name gets a distinct credential id, so each can be revoked on its own.
        var again = await CliRunner.RunAsync("partners", "add", path, "--id", "foshan-em", "--credential-id", "2027-01");
        Assert.StartsWith("rotated foshan-em credential 2027-01-2", again.Output, StringComparison.Ordinal);
        registry = await CityRisk.Server.Partners.PartnersFile.LoadAsync(path, Cancel);
        Assert.Equal(registry.Partners.Single().Credentials.Count, registry.Partners.Single().Credentials.Select(c => c.Id).Distinct().Count());

        var hashed = await CliRunner.RunAsync("partners", "hash-token", "crk_example");
        Assert.Contains($"hash:  {CityRisk.Server.Partners.PartnerTokens.Hash("crk_example")}", hashed.Output, StringComparison.Ordinal);
    }
}
