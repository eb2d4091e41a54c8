using System.Text.Json.Nodes;
using CityRisk.Testing.Shared;

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

    private static IEnumerable<(string Name, string Document, string[] Expected)> Documents(string kind) =>
        SchemaVectors.Of("resources", kind).Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "samples", "resources"), "*.json").Order(StringComparer.Ordinal)
            .Select(path => (Name: "samples/resources/" + Path.GetFileName(path), Document: File.ReadAllText(path), Expected: Array.Empty<string>()))
            .Where(d => (string?)JsonNode.Parse(d.Document)!["kind"] == kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task The_samples_and_the_valid_vectors_are_valid_and_shape_errors_are_refused(string kind) => SchemaVectors.ExpectAgreesAsync(SchemaPath(kind), Documents(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public Task An_independent_validator_ajv_accepts_the_samples_and_the_valid_vectors(string kind) =>
        Ajv.ExpectValidAsync(SchemaPath(kind), [], Documents(kind).Where(d => d.Expected.Length == 0).Select(d => (d.Name, d.Document)));
}
