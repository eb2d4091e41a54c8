using CityRisk.Testing.Shared;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// schemas/v1/enterprise-profile.schema.json: the sample and every valid vector are valid for NJsonSchema and for ajv, and
/// the vectors the reader refuses for their shape the schema refuses too.
/// </summary>
public sealed class EnterpriseSchemaTests
{
    private static string SchemaPath => Path.Combine(RepositoryRoot.Path, "schemas", "v1", "enterprise-profile.schema.json");

    private static string SamplePath => Path.Combine(RepositoryRoot.Path, "samples", "enterprises", "nanhai-chemical.json");

    [Fact]
    public Task The_sample_and_the_valid_vectors_are_valid_and_shape_errors_are_refused() =>
        SchemaVectors.ExpectAgreesAsync(SchemaPath, [("sample", File.ReadAllText(SamplePath), []), .. SchemaVectors.Of("enterprises")]);

    [Fact]
    public Task An_independent_validator_ajv_accepts_the_sample_and_the_valid_vectors() =>
        Ajv.ExpectValidAsync(SchemaPath, [SamplePath], SchemaVectors.Of("enterprises").Where(v => v.Expected.Length == 0).Select(v => (v.Name, v.Document)));
}

/// <summary>
/// schemas/v1/enterprise-grant.schema.json: the samples and every valid grant vector are valid for NJsonSchema and for
/// ajv, and the vectors the reader refuses for their shape the schema refuses too.
/// </summary>
public sealed class EnterpriseGrantSchemaTests
{
    private static string SchemaPath => Path.Combine(RepositoryRoot.Path, "schemas", "v1", "enterprise-grant.schema.json");

    private static string[] SamplePaths => [.. new[] { "nanhai-agreement", "nanhai-consent" }.Select(name => Path.Combine(RepositoryRoot.Path, "samples", "enterprises", name + ".json"))];

    [Fact]
    public Task The_samples_and_the_valid_vectors_are_valid_and_shape_errors_are_refused() =>
        SchemaVectors.ExpectAgreesAsync(SchemaPath, [.. SamplePaths.Select(path => (Path.GetFileName(path), File.ReadAllText(path), Array.Empty<string>())), .. SchemaVectors.Of("enterprise-grants")]);

    [Fact]
    public Task An_independent_validator_ajv_accepts_the_samples_and_the_valid_vectors() =>
        Ajv.ExpectValidAsync(SchemaPath, SamplePaths, SchemaVectors.Of("enterprise-grants").Where(v => v.Expected.Length == 0).Select(v => (v.Name, v.Document)));
}
