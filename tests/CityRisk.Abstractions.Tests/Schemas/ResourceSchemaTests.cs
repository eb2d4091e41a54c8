using System.Diagnostics;
using System.Text.Json.Nodes;
using CityRisk.Testing.Shared;
using NJsonSchema;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// schemas/v1/resource*.schema.json, one per pooling kind: the samples and every valid vector are valid for NJsonSchema
/// and for ajv (an implementation independent of .NET), and the vectors the reader refuses for their shape the schema
/// refuses too.
/// </summary>
public sealed class ResourceSchemaTests
{
    public static TheoryData<string> Kinds { get; } = ["resource", "resource-request", "resource-offer", "resource-commitment", "resource-status-report", "resource-release"];

    private static string SchemaPath(string kind) => Path.Combine(RepositoryRoot.Path, "schemas", "v1", $"{kind}.schema.json");

    private static IEnumerable<(string Name, string Document, string[] Expected)> Documents(string kind)
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "conformance", "resources"), "*.json").Order(StringComparer.Ordinal))
        {
            var vector = JsonNode.Parse(File.ReadAllBytes(path))!;
            if ((string?)vector["kind"] == kind)
            {
                yield return (Path.GetFileName(path), vector["document"]!.ToJsonString(), vector["expectedProblems"]!.AsArray().Select(c => (string)c!).ToArray());
            }
        }

        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "samples", "resources"), "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            if ((string?)JsonNode.Parse(text)!["kind"] == kind)
            {
                yield return ("samples/resources/" + Path.GetFileName(path), text, []);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_samples_and_the_valid_vectors_are_valid_and_shape_errors_are_refused(string kind)
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath(kind), TestContext.Current.CancellationToken);
        var documents = Documents(kind).ToList();
        Assert.Contains(documents, d => d.Expected.Length == 0);
        foreach (var (name, document, expected) in documents)
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

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task An_independent_validator_ajv_accepts_the_samples_and_the_valid_vectors(string kind) =>
        Ajv.ExpectValidAsync(SchemaPath(kind), [], Documents(kind).Where(d => d.Expected.Length == 0).Select(d => (d.Name, d.Document)));
}
