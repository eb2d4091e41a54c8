using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CityRisk.Enterprises;

namespace CityRisk.Benchmarks;

/// <summary>
/// Reading one enterprise risk profile (samples/enterprises/nanhai-chemical.json, 1.3 KB, two periods) as the SDK reads
/// each of a page's 500: the codec without validation, and with it. The baseline in the same run is a raw
/// Utf8JsonReader pass over the same bytes, the floor any reader pays.
/// </summary>
[MemoryDiagnoser]
public class EnterpriseReadBenchmarks
{
    private static readonly DocumentCodec<EnterpriseRiskProfile> Codec = DocumentCodecs.Default.Get<EnterpriseRiskProfile>(DocumentFormat.CityRiskJson);

    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "nanhai-chemical.json"));
        if (Codec.Read(_json).Value is null)
        {
            throw new InvalidOperationException("The benchmark profile is invalid.");
        }
    }

    [Benchmark(Baseline = true, Description = "raw Utf8JsonReader pass")]
    public int RawReader()
    {
        var reader = new Utf8JsonReader(_json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "codec, validate: false (the SDK's page)")]
    public EnterpriseRiskProfile? ReadUnvalidated() => Codec.Read(_json, validate: false).Value;

    [Benchmark(Description = "codec, validated")]
    public EnterpriseRiskProfile? ReadValidated() => Codec.Read(_json).Value;
}
