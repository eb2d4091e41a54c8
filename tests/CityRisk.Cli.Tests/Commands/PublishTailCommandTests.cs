using System.Text;
using System.Text.Json;
using CityRisk.Alerts;
using CityRisk.Sdk.Tests;

namespace CityRisk.Cli.Tests.Commands;

/// <summary><c>cityrisk publish</c> and <c>cityrisk tail</c> against a hub on loopback.</summary>
public sealed class PublishTailCommandTests : IAsyncLifetime
{
    private TestExchange _hub = null!;

    public async ValueTask InitializeAsync() => _hub = await TestExchange.StartAsync();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private string[] As(string partner) => ["--endpoint", _hub.Endpoint.ToString(), "--partner", partner, "--token", _hub.Token(partner)];

    private async Task<string> WriteAsync(Alert alert, bool cap = true)
    {
        var path = Path.Combine(_hub.Folder, $"{alert.Identifier}.{(cap ? "xml" : "json")}");
        await File.WriteAllBytesAsync(path, cap ? CapAlertWriter.Write(alert).Value! : CityRisk.Json.CityRiskJson.Write(alert), TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Publish_prints_the_cursor_then_duplicate_and_tail_follows_in_text_and_json()
    {
        var path = await WriteAsync(SampleAlerts.Typhoon("cli-typhoon"));

        var first = await CliRunner.RunAsync(["publish", path, .. As("foshan-em")]);
        var again = await CliRunner.RunAsync(["publish", path, .. As("foshan-em")]);
        var restricted = await CliRunner.RunAsync(["publish", await WriteAsync(SampleAlerts.Typhoon("cli-gas", scope: AlertScope.Restricted), cap: false), "--roles", "lifeline-operator", .. As("foshan-em")]);

        Assert.Equal((0, "published foshan-em/cli-typhoon at cursor 1\n"), (first.ExitCode, first.Output));
        Assert.Equal((0, "duplicate: foshan-em/cli-typhoon was already published, at cursor 1\n"), (again.ExitCode, again.Output));
        Assert.Equal(0, restricted.ExitCode);

        var text = await TailAsync(["tail", "--from-beginning", .. As("shenzhen-gas")], lines: 2);
        Assert.StartsWith("1 foshan-em/cli-typhoon Alert Orange Severe 2026-11-23T14:00:00+08:00 \"台风\"", text[0], StringComparison.Ordinal);
        Assert.StartsWith("2 foshan-em/cli-gas", text[1], StringComparison.Ordinal);

        var json = await TailAsync(["tail", "--from-cursor", "0", "--format", "json", "--min-level", "orange", .. As("macau-smg")], lines: 1);
        using var document = JsonDocument.Parse(json[0]);
        Assert.Equal(1, document.RootElement.GetProperty("cursor").GetInt64());
        Assert.Equal("cli-typhoon", document.RootElement.GetProperty("alert").GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task Publish_explains_an_invalid_file_a_refused_token_a_wrong_endpoint_and_missing_roles()
    {
        var invalid = Path.Combine(_hub.Folder, "invalid.xml");
        await File.WriteAllTextAsync(invalid, "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>", TestContext.Current.CancellationToken);
        var path = await WriteAsync(SampleAlerts.Typhoon("cli-refusals"));

        var bad = await CliRunner.RunAsync(["publish", invalid, .. As("foshan-em")]);
        var token = await CliRunner.RunAsync(["publish", path, "--endpoint", _hub.Endpoint.ToString(), "--partner", "foshan-em", "--token", "crk_wrong"]);
        var endpoint = await CliRunner.RunAsync(["publish", path, "--endpoint", "http://127.0.0.1:1/", "--partner", "foshan-em", "--token", "crk_x"]);
        var roles = await CliRunner.RunAsync(["publish", await WriteAsync(SampleAlerts.Typhoon("cli-no-roles", scope: AlertScope.Restricted)), .. As("foshan-em")]);
        var usage = await CliRunner.RunAsync(["publish", path, "--endpoint", "ftp://hub", "--partner", "foshan-em", "--token", "t"]);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("nothing was sent", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, token.ExitCode);
        Assert.Contains("UNAUTHENTICATED", token.Error, StringComparison.Ordinal);
        Assert.Equal(2, endpoint.ExitCode);
        Assert.Contains("is the hub running?", endpoint.Error, StringComparison.Ordinal);
        Assert.Equal(1, roles.ExitCode);
        Assert.Contains("--roles", roles.Error, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("not an http:// or https:// address", usage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_certificate_file_or_checkpoint_name_is_a_usage_error_not_a_crash()
    {
        var path = await WriteAsync(SampleAlerts.Typhoon("cli-bad-ca"));
        var notACertificate = Path.Combine(_hub.Folder, "not-a-cert.pem");
        await File.WriteAllTextAsync(notACertificate, "hello", TestContext.Current.CancellationToken);

        var publish = await CliRunner.RunAsync(["publish", path, "--ca-cert", notACertificate, .. As("foshan-em")]);
        var tail = await CliRunner.RunAsync(["tail", "--checkpoint", _hub.Folder, "--name", "../escape", .. As("macau-smg")]);

        Assert.Equal(2, publish.ExitCode);
        Assert.Contains("not a readable certificate", publish.Error, StringComparison.Ordinal);
        Assert.Equal(2, tail.ExitCode);
        Assert.Contains("not a usable subscription name", tail.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_keeps_going_across_a_hub_restart()
    {
        var first = await WriteAsync(SampleAlerts.Typhoon("before-restart"));
        var second = await WriteAsync(SampleAlerts.Typhoon("after-restart"));
        Assert.Equal(0, (await CliRunner.RunAsync(["publish", first, .. As("foshan-em")])).ExitCode);

        var lines = await TailAsync(["tail", "--from-beginning", .. As("macau-smg")], lines: 2, afterFirst: async () =>
        {
            await _hub.RestartAsync();
            Assert.Equal(0, (await CliRunner.RunAsync(["publish", second, .. As("foshan-em")])).ExitCode);
        });

        Assert.StartsWith("1 foshan-em/before-restart", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2 foshan-em/after-restart", lines[1], StringComparison.Ordinal);
    }

    /// <summary>Runs tail until it printed <paramref name="lines"/> lines, then stops it as Ctrl+C would; tail exits 0.</summary>
    private static async Task<string[]> TailAsync(string[] args, int lines, Func<Task>? afterFirst = null)
    {
        using var output = new ObservedStream();
        using var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CliApp.RunAsync(args, new CliConsole(output, error), stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var ranAfterFirst = false;
        while (output.Lines.Length < lines && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            if (!ranAfterFirst && afterFirst is not null && output.Lines.Length >= 1)
            {
                ranAfterFirst = true;
                await afterFirst();
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.True(output.Lines.Length >= lines, $"tail printed {output.Lines.Length} of {lines} lines; stderr: {error}");
        return output.Lines;
    }

    /// <summary>A stream whose complete lines so far can be read while the command still writes.</summary>
    private sealed class ObservedStream : MemoryStream
    {
        public string[] Lines
        {
            get
            {
                lock (this)
                {
                    var text = Encoding.UTF8.GetString(ToArray());
                    return text.Split('\n')[..^1];
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (this)
            {
                base.Write(buffer, offset, count);
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (this)
            {
                base.Write(buffer);
            }
        }
    }
}
