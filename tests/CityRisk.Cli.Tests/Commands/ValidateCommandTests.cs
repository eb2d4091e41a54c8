using System.Text.Json;

namespace CityRisk.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public async Task Valid_files_exit_zero_with_one_line_each()
    {
        var (exit, output, error) = await CliRunner.RunAsync("validate", Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"), Path.Combine(CliRunner.Samples, "macau-storm-surge.xml"));
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("foshan-typhoon.xml: valid CAP alert FS-EM-2026-TY-0917-01", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hazards_and_observations_are_validated_like_alerts()
    {
        var hazards = Path.Combine(CliRunner.Root, "samples", "hazards");
        var (exit, output, error) = await CliRunner.RunAsync("validate", Path.Combine(hazards, "hefei-bridge.json"), Path.Combine(hazards, "hefei-bridge-strain-reading.json"));
        Assert.True(exit == 0, output + error);
        Assert.Contains("valid hazard hefei-lifeline/hf-bridge-0042 revision 1", output, StringComparison.Ordinal);
        Assert.Contains("valid observation of hefei-lifeline/hf-bridge-0042 strain-s3", output, StringComparison.Ordinal);

        var broken = Path.Combine(Path.GetTempPath(), $"cityrisk-hazard-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Path.Combine(hazards, "hefei-bridge.json"), TestContext.Current.CancellationToken)).Replace("\"red\": 1200", "\"red\": 900", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var invalid = await CliRunner.RunAsync("validate", "--format", "json", broken);
            Assert.Equal(1, invalid.ExitCode);
            Assert.Contains("\"kind\": \"hazard\"", invalid.Output, StringComparison.Ordinal);
            Assert.Contains("HAZARD-INDICATOR-RULE-INVALID", invalid.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }

        var convert = await CliRunner.RunAsync("convert", Path.Combine(hazards, "hefei-bridge.json"), "--to", "cap");
        Assert.Equal(1, convert.ExitCode);
        Assert.Contains("kind 'hazard'; here a document of kind 'alert' is expected", convert.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_keep_exit_zero_and_are_printed()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", Path.Combine(CliRunner.CapVectors, "warn-polygon-self-intersecting.xml"));
        Assert.Equal(0, exit);
        Assert.Contains("  warning CAP-POLYGON-SELF-INTERSECTING info[0].area[0].polygon[0]: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_file_exits_one_with_every_problem_as_severity_code_path_message()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", Path.Combine(CliRunner.CapVectors, "invalid-ceiling.xml"));
        Assert.Equal(1, exit);
        Assert.Contains("invalid-ceiling.xml: invalid (2 errors)", output, StringComparison.Ordinal);
        Assert.Contains("  error CAP-CEILING-WITHOUT-ALTITUDE info[0].area[0].ceiling: A <ceiling> is only allowed together with an <altitude>.", output, StringComparison.Ordinal);
        Assert.Contains("  error CAP-CEILING-BELOW-ALTITUDE info[1].area[0].ceiling: ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "DOC-EMPTY")]
    [InlineData("hello", "DOC-FORMAT-UNKNOWN")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x", "XML-MALFORMED")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1.9\"/>", "CAP-ROOT-UNEXPECTED")]
    [InlineData("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert>&x;</alert>", "XML-DTD-PROHIBITED")]
    [InlineData("{\"kind\":\"alert\",\"v\":1", "JSON-MALFORMED")]
    [InlineData("{\"kind\":\"weather\",\"v\":1}", "JSON-KIND-UNSUPPORTED")]
    public async Task Unreadable_documents_exit_one_and_say_why(string content, string code)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
            var (exit, output, _) = await CliRunner.RunAsync("validate", file);
            Assert.Equal(1, exit);
            Assert.Contains($"  error {code}", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_dash_reads_standard_input_for_validate_and_convert()
    {
        var cap = await File.ReadAllBytesAsync(Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"), TestContext.Current.CancellationToken);
        var (exit, output, _) = await CliRunner.RunWithInputAsync(cap, "validate", "-");
        Assert.Equal(0, exit);
        Assert.Contains("(standard input): valid CAP alert FS-EM-2026-TY-0917-01", output, StringComparison.Ordinal);

        var (converted, json, _) = await CliRunner.RunWithInputAsync(cap, "convert", "-", "--to", "json");
        Assert.Equal(0, converted);
        Assert.StartsWith("{", json.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Piped_input_through_dev_stdin_and_a_dash_works_for_the_real_process()
    {
        var cap = await File.ReadAllBytesAsync(Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"), TestContext.Current.CancellationToken);
        byte[] withMark = [0xEF, 0xBB, 0xBF, .. cap];
        Assert.Equal(0, (await CliRunner.RunProcessWithInputAsync(cap, "validate", "-")).ExitCode);
        var (exit, _, error) = await CliRunner.RunProcessWithInputAsync(withMark, "validate", "/dev/stdin");
        Assert.True(exit == 0, error);
        Assert.Equal(1, (await CliRunner.RunProcessWithInputAsync("{\"kind\":\"alert\","u8.ToArray(), "validate", "-")).ExitCode);
    }

    [Fact]
    public async Task Endless_zeros_are_neither_format_and_exit_one()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", "/dev/zero");
        Assert.Equal(1, exit);
        Assert.Contains("error DOC-FORMAT-UNKNOWN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_read_in_both_formats()
    {
        var folder = Directory.CreateTempSubdirectory("cityrisk-bom-").FullName;
        try
        {
            var cap = await File.ReadAllBytesAsync(Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"), TestContext.Current.CancellationToken);
            var capPath = Path.Combine(folder, "bom.xml");
            await File.WriteAllBytesAsync(capPath, [0xEF, 0xBB, 0xBF, .. cap], TestContext.Current.CancellationToken);
            var (converted, json, _) = await CliRunner.RunAsync("convert", capPath, "--to", "json");
            Assert.Equal(0, converted);
            var jsonPath = Path.Combine(folder, "bom.json");
            await File.WriteAllBytesAsync(jsonPath, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)], TestContext.Current.CancellationToken);

            var (exit, output, _) = await CliRunner.RunAsync("validate", capPath, jsonPath);
            Assert.Equal(0, exit);
            Assert.Contains("bom.json: valid CityRisk JSON alert", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Missing_file_exits_two_and_still_reports_the_others()
    {
        var (exit, output, error) = await CliRunner.RunAsync("validate", Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"), "no-such-file.xml");
        Assert.Equal(2, exit);
        Assert.Contains("cityrisk: file not found: no-such-file.xml", error, StringComparison.Ordinal);
        Assert.Contains("foshan-typhoon.xml: valid", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "--format", "xml", "a.xml")]
    [InlineData("frobnicate")]
    [InlineData]
    public async Task Usage_errors_exit_two(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("cityrisk --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_is_machine_readable()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", "--format", "json", Path.Combine(CliRunner.CapVectors, "invalid-geocode.xml"), Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"));
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var files = json.RootElement.GetProperty("files");
        var problem = files[0].GetProperty("problems")[0];
        Assert.Equal("CITYRISK-GEOCODE-INVALID", problem.GetProperty("code").GetString());
        Assert.Equal("info[0].area[0].geocode[0]", problem.GetProperty("path").GetString());
        Assert.True(files[1].GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Exit_codes_hold_for_the_real_process()
    {
        Assert.Equal(0, (await CliRunner.RunProcessAsync("validate", "samples/alerts/foshan-typhoon.xml")).ExitCode);
        Assert.Equal(1, (await CliRunner.RunProcessAsync("validate", Path.Combine(CliRunner.CapVectors, "invalid-truncated.xml"))).ExitCode);
        Assert.Equal(2, (await CliRunner.RunProcessAsync("validate", "missing.xml")).ExitCode);
    }
}
