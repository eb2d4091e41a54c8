using System.Text.Json.Nodes;
using CityRisk.Testing.Shared;
using NJsonSchema;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// schemas/v1/enterprise-profile.schema.json: the sample and every valid vector are valid for NJsonSchema and for ajv, and
/// the vectors the reader refuses for their shape the schema refuses too.
/// </summary>
public sealed class EnterpriseSchemaTests
{
    private static string SchemaPath => Path.Combine(RepositoryRoot.Path, "schemas", "v1", "enterprise-profile.schema.json");

    private static string SamplePath => Path.Combine(RepositoryRoot.Path, "samples", "enterprises", "nanhai-chemical.json");

    private static IEnumerable<(string Name, string Document, string[] Expected)> Vectors() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "conformance", "enterprises"), "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            var vector = JsonNode.Parse(File.ReadAllBytes(path))!;
            return (Path.GetFileName(path), vector["document"]!.ToJsonString(), vector["expectedProblems"]!.AsArray().Select(c => (string)c!).ToArray());
        });

    [Fact]
    public async Task The_sample_and_the_valid_vectors_are_valid_and_shape_errors_are_refused()
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        Assert.Empty(schema.Validate(await File.ReadAllTextAsync(SamplePath, TestContext.Current.CancellationToken)));
        foreach (var (name, document, expected) in Vectors())
        {
            var errors = schema.Validate(document);
            if (expected.Length == 0)
            {
                Assert.True(errors.Count == 0, $"{name}: {string.Join("\n", errors)}");
            }
            else if (expected.Contains("JSON-INVALID"))
            {
                Assert.True(errors.Count > 0, $"{name}: the schema accepts what the reader refuses");
            }
        }
    }

    [Fact]
    public Task An_independent_validator_ajv_accepts_the_sample_and_the_valid_vectors() =>
        Ajv.ExpectValidAsync(SchemaPath, [SamplePath], Vectors().Where(v => v.Expected.Length == 0).Select(v => (v.Name, v.Document)));
}
