using System.Diagnostics;
using System.Text;
using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Tests.Alerts;
using NJsonSchema;

namespace CityRisk.Tests.Schemas;

/// <summary>The published alert schema is what the types generate, and every JSON alert the project holds validates against it.</summary>
public class AlertSchemaTests
{
    private static string SchemaPath => Path.Combine(TestFiles.RepositoryRoot, "schemas", "v1", "alert.schema.json");

    public static TheoryData<string> JsonAlerts { get; } = [.. FindJsonAlerts().Select(f => Path.GetRelativePath(TestFiles.RepositoryRoot, f))];

    [Fact]
    public void Checked_in_schema_matches_the_types()
    {
        var generated = AlertSchemaGenerator.Generate();
        if (Environment.GetEnvironmentVariable("CITYRISK_UPDATE_SCHEMAS") == "1")
        {
            File.WriteAllText(SchemaPath, generated);
        }

        Assert.True(File.Exists(SchemaPath), "schemas/v1/alert.schema.json is missing; run the tests with CITYRISK_UPDATE_SCHEMAS=1 to write it.");
        Assert.True(generated == File.ReadAllText(SchemaPath).ReplaceLineEndings("\n"),
            "schemas/v1/alert.schema.json has drifted from the types; run the tests with CITYRISK_UPDATE_SCHEMAS=1, review the diff and commit it.");
    }

    [Theory]
    [MemberData(nameof(JsonAlerts))]
    public async Task Json_alert_in_the_repository_validates_against_the_schema(string relativePath)
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        var errors = schema.Validate(await File.ReadAllTextAsync(Path.Combine(TestFiles.RepositoryRoot, relativePath), TestContext.Current.CancellationToken));
        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Fact]
    public async Task Json_written_from_every_valid_cap_vector_validates_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        foreach (var path in RoundTripTests.ValidDocuments.Select(row => row.Data))
        {
            var json = Encoding.UTF8.GetString(CityRiskJson.Write(RoundTripTests.Read(path)));
            var errors = schema.Validate(json);
            Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");
        }
    }

    [Theory]
    [InlineData("\"kind\": \"alert\"", "\"kind\": \"hazard\"")]
    [InlineData("\"v\": 1", "\"v\": 2")]
    [InlineData("\"identifier\": \"FS-EM-2026-TY-0917-01\",", "")]
    [InlineData("\"status\": \"Actual\"", "\"status\": 0")]
    [InlineData("\"sent\": \"2026-09-17T08:30:00+08:00\"", "\"sent\": \"2026-09-17T08:30:00\"")]
    [InlineData("\"scope\": \"Public\"", "\"scope\": \"Public\", \"priority\": \"high\"")]
    [InlineData("\"level\": \"Orange\"", "\"level\": \"Purple\"")]
    [InlineData("[\n                  112.7,\n                  23.6\n                ]", "[ 23.6 ]")]
    public async Task Schema_refuses_what_the_reader_refuses(string from, string to)
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        var valid = await File.ReadAllTextAsync(Path.Combine(TestFiles.Samples, "foshan-typhoon.json"), TestContext.Current.CancellationToken);
        Assert.Contains(from, valid, StringComparison.Ordinal);
        var broken = valid.Replace(from, to, StringComparison.Ordinal);

        Assert.NotEmpty(schema.Validate(broken));
        Assert.True(CityRiskJson.ReadAlert(Encoding.UTF8.GetBytes(broken)).HasErrors);
    }

    [Fact]
    public async Task An_independent_validator_ajv_accepts_every_json_alert()
    {
        var script = Path.Combine(TestFiles.RepositoryRoot, "tests", "js", "validate-schema.mjs");
        var modules = Path.Combine(TestFiles.RepositoryRoot, "tests", "js", "node_modules", "ajv-draft-04");
        var required = Environment.GetEnvironmentVariable("CITYRISK_REQUIRE_NODE") == "1";
        if (!required)
        {
            Assert.SkipUnless(Directory.Exists(modules), "ajv is not installed: run 'npm ci --prefix tests/js' (.ci/run does).");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(SchemaPath);
        foreach (var file in FindJsonAlerts())
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, output + error);
        Assert.Contains($"{FindJsonAlerts().Count()} valid", output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> FindJsonAlerts()
    {
        foreach (var folder in new[] { "docs", "samples", Path.Combine("tests", "CityRisk.Abstractions.Tests", "Vectors", "json") })
        {
            var path = Path.Combine(TestFiles.RepositoryRoot, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order())
            {
                if (!file.Contains($"{Path.DirectorySeparatorChar}invalid-", StringComparison.Ordinal)
                    && CityRiskJson.TryReadHeader(File.ReadAllBytes(file), out var kind, out _) && kind == DocumentKinds.Alert)
                {
                    yield return file;
                }
            }
        }
    }
}
