using System.Text;
using CityRisk.Testing.Shared;
using NJsonSchema;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// schemas/v1/incident.schema.json: the sample and every valid vector are valid for NJsonSchema and for ajv (an
/// implementation independent of .NET), and the vectors the reader refuses for their shape the schema refuses too.
/// </summary>
public sealed class IncidentSchemaTests
{
    private static string SchemaPath => Path.Combine(RepositoryRoot.Path, "schemas", "v1", "incident.schema.json");

    private static string SamplePath => Path.Combine(RepositoryRoot.Path, "samples", "incidents", "kaifeng-drainage-outlet.json");

    private static IEnumerable<(string Name, string Document, string[] Expected)> Vectors() => SchemaVectors.Of("incidents");

    [Fact]
    public Task The_sample_and_the_valid_vectors_are_valid_and_shape_errors_are_refused() =>
        SchemaVectors.ExpectAgreesAsync(SchemaPath, [("sample", File.ReadAllText(SamplePath), []), .. Vectors()]);

    [Fact]
    public async Task What_the_codec_writes_is_valid_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(SchemaPath, TestContext.Current.CancellationToken);
        var codec = DocumentCodecs.Default.Get<CityRisk.Incidents.Incident>(DocumentFormat.CityRiskJson);
        var sample = codec.Read(await File.ReadAllBytesAsync(SamplePath, TestContext.Current.CancellationToken)).Value!;
        var written = codec.Write(CityRisk.Incidents.IncidentLifecycle.Step(sample, CityRisk.Incidents.IncidentState.Verified, "kaifeng-gulou", sample.UpdatedAt.AddMinutes(5)) with
        {
            Casualties = new CityRisk.Incidents.Casualties { Injured = 1 },
            MergedInto = null,
        }).Value!;
        var errors = schema.Validate(Encoding.UTF8.GetString(written));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public Task An_independent_validator_ajv_accepts_the_sample_and_the_valid_vectors() =>
        Ajv.ExpectValidAsync(SchemaPath, [SamplePath], Vectors().Where(v => v.Expected.Length == 0).Select(v => (v.Name, v.Document)));
}
