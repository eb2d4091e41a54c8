using System.Text.Json;
using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CityRisk.Alerts;
using CityRisk.Json;

namespace CityRisk.Benchmarks;

/// <summary>
/// Reading (with validation) and writing a typical bilingual CAP alert (the 4.9 KB Foshan typhoon warning, zh-CN and en)
/// and its CityRisk JSON form. Each category has a baseline in the same run: a raw XmlReader or Utf8JsonReader pass
/// over the same bytes, the floor any reader pays; the ratio column is the figure to watch.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AlertFormatBenchmarks
{
    private static readonly XmlReaderSettings RawSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly CityRiskJsonReaderOptions NoValidation = new() { Validate = false };

    private byte[] _cap = [];
    private byte[] _json = [];
    private Alert _alert = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cap = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "foshan-typhoon.xml"));
        _alert = CapAlertReader.Read(_cap).Value ?? throw new InvalidOperationException("The benchmark alert is invalid.");
        _json = CityRiskJson.Write(_alert);
    }

    [Benchmark(Baseline = true, Description = "raw XmlReader pass")]
    [BenchmarkCategory("CAP read")]
    public int RawXmlReader()
    {
        using var stream = new MemoryStream(_cap, writable: false);
        using var reader = XmlReader.Create(stream, RawSettings);
        var characters = 0;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.Whitespace)
            {
                characters += reader.Value.Length;
            }
        }

        return characters;
    }

    [Benchmark(Description = "CAP parse + validate")]
    [BenchmarkCategory("CAP read")]
    public Alert? CapParseAndValidate() => CapAlertReader.Read(_cap).Value;

    [Benchmark(Baseline = true, Description = "raw Utf8JsonReader pass")]
    [BenchmarkCategory("JSON read")]
    public int RawUtf8JsonReader()
    {
        var reader = new Utf8JsonReader(_json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens += reader.ValueSpan.Length;
        }

        return tokens;
    }

    [Benchmark(Description = "JSON parse + validate")]
    [BenchmarkCategory("JSON read")]
    public Alert? JsonParseAndValidate() => CityRiskJson.ReadAlert(_json).Value;

    [Benchmark(Description = "JSON parse only (no validation)")]
    [BenchmarkCategory("JSON read")]
    public Alert? JsonParseOnly() => CityRiskJson.ReadAlert(_json, NoValidation).Value;

    [Benchmark(Description = "raw Utf8JsonReader pass + GetString")]
    [BenchmarkCategory("JSON read")]
    public int RawUtf8JsonReaderWithStrings()
    {
        var reader = new Utf8JsonReader(_json);
        var characters = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                characters += reader.GetString()!.Length;
            }
        }

        return characters;
    }

    [Benchmark(Description = "validate only")]
    [BenchmarkCategory("Validate")]
    public int ValidateOnly() => AlertValidator.Validate(_alert).Count;

    [Benchmark(Baseline = true, Description = "raw XmlReader pass")]
    [BenchmarkCategory("CAP write")]
    public int RawXmlReaderForWrite() => RawXmlReader();

    [Benchmark(Description = "CAP write (validates first)")]
    [BenchmarkCategory("CAP write")]
    public byte[]? CapWrite() => CapAlertWriter.Write(_alert).Value;

    [Benchmark(Baseline = true, Description = "raw Utf8JsonReader pass")]
    [BenchmarkCategory("JSON write")]
    public int RawUtf8JsonReaderForWrite() => RawUtf8JsonReader();

    [Benchmark(Description = "JSON write")]
    [BenchmarkCategory("JSON write")]
    public byte[] JsonWrite() => CityRiskJson.Write(_alert);
}
