using System.Text.Json.Nodes;
using CityRisk.Testing.Shared;
using NJsonSchema;

namespace CityRisk.Tests.Schemas;

/// <summary>The entity vectors (conformance/&lt;folder&gt;) as a schema sees them, and the one rule every hand-written schema keeps with its reader.</summary>
internal static class SchemaVectors
{
    /// <summary>The vectors of a folder (of one kind when given): file name, the document as JSON, the expected codes.</summary>
    public static IEnumerable<(string Name, string Document, string[] Expected)> Of(string folder, string? kind = null) =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "conformance", folder), "*.json").Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Vector: JsonNode.Parse(File.ReadAllBytes(path))!))
            .Where(v => kind is null || (string?)v.Vector["kind"] == kind)
            .Select(v => (Path.GetFileName(v.Path), v.Vector["document"]!.ToJsonString(), v.Vector["expectedProblems"]!.AsArray().Select(c => (string)c!).ToArray()));

    /// <summary>Every valid document is valid for the schema (NJsonSchema), and every one the reader refuses for its shape (JSON-INVALID) the schema refuses.</summary>
    public static async Task ExpectAgreesAsync(string schemaPath, IEnumerable<(string Name, string Document, string[] Expected)> documents)
    {
        var schema = await JsonSchema.FromFileAsync(schemaPath, TestContext.Current.CancellationToken);
        var list = documents.ToList();
        Assert.Contains(list, d => d.Expected.Length == 0);
        foreach (var (name, document, expected) in list)
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
}
