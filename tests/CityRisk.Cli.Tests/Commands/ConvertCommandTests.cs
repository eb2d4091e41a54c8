using System.Text;

namespace CityRisk.Cli.Tests.Commands;

public class ConvertCommandTests
{
    [Fact]
    public async Task Cap_to_json_to_cap_through_files_keeps_the_alert()
    {
        var folder = Directory.CreateTempSubdirectory("cityrisk-cli-").FullName;
        try
        {
            var json = Path.Combine(folder, "typhoon.json");
            var cap = Path.Combine(folder, "typhoon.xml");
            Assert.Equal(0, (await CliRunner.RunAsync("convert", Path.Combine(CliRunner.Samples, "foshan-typhoon.xml"), "--to", "json", "-o", json)).ExitCode);
            Assert.Equal(0, (await CliRunner.RunAsync("convert", json, "--to", "cap", "--output", cap)).ExitCode);

            var text = await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken);
            Assert.StartsWith("{\n  \"kind\": \"alert\",\n  \"v\": 1,", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Contains("台风橙色预警", text, StringComparison.Ordinal);
            var (exit, output, _) = await CliRunner.RunAsync("validate", cap);
            Assert.Equal(0, exit);
            Assert.Contains("valid CAP alert FS-EM-2026-TY-0917-01", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Converting_to_standard_output_writes_the_document_only()
    {
        var (exit, output, error) = await CliRunner.RunAsync("convert", Path.Combine(CliRunner.Samples, "shenzhen-gas-pipeline.xml"), "--to", "cap");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_is_not_converted()
    {
        var (exit, output, error) = await CliRunner.RunAsync("convert", Path.Combine(CliRunner.CapVectors, "invalid-polygon-not-closed.xml"), "--to", "json");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("error CAP-POLYGON-NOT-CLOSED info[0].area[0].polygon[0]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_cap_cannot_express_is_a_conversion_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("convert", Path.Combine(CliRunner.CapVectors, "valid-cap11-resource-without-mimetype.xml"), "--to", "cap");
        Assert.Equal(1, exit);
        Assert.Contains("cannot be written as CAP 1.2", error, StringComparison.Ordinal);
        Assert.Contains("CAP-REQUIRED-MISSING info[0].resource[0].mimeType", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Converting_a_signed_alert_warns_that_the_signature_is_dropped()
    {
        var signed = Path.Combine(CliRunner.Root, "..", "shared", "vectors", "cap", "google_earthquake_signed.cap");
        Assert.SkipUnless(File.Exists(signed), "../shared/vectors/cap is not beside this checkout.");
        var (exit, output, error) = await CliRunner.RunAsync("convert", signed, "--to", "json");
        Assert.Equal(0, exit);
        Assert.Contains("warning CAP-SIGNATURE-DROPPED", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature", output, StringComparison.Ordinal);

        var rewritten = await CliRunner.RunAsync("convert", signed, "--to", "cap");
        // Untouched, the signed document is written as its kept bytes (decoded the same way on both sides here).
        Assert.Equal(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(signed, TestContext.Current.CancellationToken)), rewritten.Output);
    }

    [Theory]
    [InlineData("convert", "x.xml")]
    [InlineData("convert", "x.xml", "--to", "yaml")]
    public async Task Usage_errors_exit_two(params string[] args) => Assert.Equal(2, (await CliRunner.RunAsync(args)).ExitCode);

    [Fact]
    public async Task Missing_input_exits_two() =>
        Assert.Equal(2, (await CliRunner.RunAsync("convert", "missing.xml", "--to", "json")).ExitCode);
}
