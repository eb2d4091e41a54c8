using System.Diagnostics;
using System.Text;
using CityRisk.Testing.Shared;
using NJsonSchema;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// schemas/v1/hazard.schema.json and observation.schema.json: the samples are valid for NJsonSchema and for ajv (an
/// implementation independent of .NET), and the schema refuses what the reader refuses for its shape.
/// </summary>
public sealed class HazardSchemaTests
{
    private static string Schema(string kind) => Path.Combine(RepositoryRoot.Path, "schemas", "v1", $"{kind}.schema.json");

    private static string Sample(string name) => Path.Combine(RepositoryRoot.Path, "samples", "hazards", name);

    [Theory]
    [InlineData("hazard", "hefei-bridge.json")]
    [InlineData("observation", "hefei-bridge-strain-reading.json")]
    public async Task The_samples_are_valid_against_their_schema(string kind, string sample)
    {
        var schema = await JsonSchema.FromFileAsync(Schema(kind), TestContext.Current.CancellationToken);
        var errors = schema.Validate(await File.ReadAllTextAsync(Sample(sample), TestContext.Current.CancellationToken));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task What_the_codec_writes_is_valid_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Schema("hazard"), TestContext.Current.CancellationToken);
        foreach (var geometry in new Geo.GeoGeometry[] { new Geo.PointGeometry(new(117.29, 31.86)), new Geo.PolygonGeometry(Geo.GeoPolygon.FromRing(new(117.2, 31.8), new(117.3, 31.8), new(117.3, 31.9), new(117.2, 31.8))) })
        {
            var written = DocumentCodecs.Default.Get<CityRisk.Hazards.Hazard>(DocumentFormat.CityRiskJson).Write(CityRisk.Tests.Hazards.HazardBuilder.Valid() with { Geometry = geometry }).Value!;
            var errors = schema.Validate(Encoding.UTF8.GetString(written));
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Theory]
    [InlineData("\"direction\": \"Above\"", "\"direction\": \"above\"")]
    [InlineData("\"riskGrade\": \"Significant\"", "\"riskGrade\": 3")]
    [InlineData("\"type\": \"LineString\"", "\"type\": \"MultiLineString\"")]
    [InlineData("\"jurisdiction\": \"340102\",", "")]
    [InlineData("\"minimumDuration\": \"PT10M\"", "\"minimumDuration\": \"10 minutes\"")]
    [InlineData("\"hysteresis\": 50", "\"hysteresis\": 50, \"colour\": \"red\"")]
    public async Task The_schema_refuses_what_the_reader_refuses(string from, string to)
    {
        var schema = await JsonSchema.FromFileAsync(Schema("hazard"), TestContext.Current.CancellationToken);
        var broken = (await File.ReadAllTextAsync(Sample("hefei-bridge.json"), TestContext.Current.CancellationToken)).Replace(from, to, StringComparison.Ordinal);

        Assert.NotEmpty(schema.Validate(broken));
        Assert.True(DocumentCodecs.Default.Read(Encoding.UTF8.GetBytes(broken)).HasErrors);
    }

    [Theory]
    [InlineData("hazard", "hefei-bridge.json")]
    [InlineData("observation", "hefei-bridge-strain-reading.json")]
    public Task An_independent_validator_ajv_accepts_the_samples(string kind, string sample) => Ajv.ExpectValidAsync(Schema(kind), [Sample(sample)]);
}
