using System.Globalization;
using System.Text.Json;
using System.Xml;
using CityRisk.Hazards;

namespace CityRisk.Testing;

/// <summary>One evaluator vector of conformance/evaluator (docs/hazards.md, "Vectors"), embedded in the kit.</summary>
internal sealed record EvaluatorVector(string Id, IReadOnlyList<Indicator> Indicators, IReadOnlyList<EvaluatorVector.Step> Readings)
{
    /// <summary>Whether two readings share an indicator and observed-at instant: a hub records the second as a duplicate and does not judge it, so the vector holds for the evaluator alone.</summary>
    public bool RepeatsAnInstant => Readings.GroupBy(r => (r.Indicator, r.ObservedAt.UtcTicks)).Any(g => g.Count() > 1);

    /// <summary>A reading and what must hold after it.</summary>
    public sealed record Step(string Indicator, DateTimeOffset ObservedAt, double Value, string ExpectIndicator, string ExpectHazard, string? ExpectAction);
}

/// <summary>The evaluator vectors embedded in the kit.</summary>
internal static class EvaluatorVectors
{
    private static readonly Lazy<IReadOnlyList<EvaluatorVector>> Vectors = new(Load);

    public static IReadOnlyList<EvaluatorVector> All => Vectors.Value;

    private static List<EvaluatorVector> Load()
    {
        var assembly = typeof(EvaluatorVectors).Assembly;
        var vectors = new List<EvaluatorVector>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("evaluator/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            vectors.Add(new EvaluatorVector(
                root.GetProperty("id").GetString()!,
                [.. root.GetProperty("indicators").EnumerateArray().Select(ReadIndicator)],
                [.. root.GetProperty("readings").EnumerateArray().Select(r => new EvaluatorVector.Step(
                    r.GetProperty("indicator").GetString()!,
                    DateTimeOffset.Parse(r.GetProperty("observedAt").GetString()!, CultureInfo.InvariantCulture),
                    r.GetProperty("value").GetDouble(),
                    r.GetProperty("expect").GetProperty("indicator").GetString()!,
                    r.GetProperty("expect").GetProperty("hazard").GetString()!,
                    r.GetProperty("expect").TryGetProperty("action", out var action) ? action.GetString() : null))]));
        }

        return vectors;
    }

    private static Indicator ReadIndicator(JsonElement element)
    {
        var thresholds = element.GetProperty("thresholds");
        double? Threshold(string level) => thresholds.TryGetProperty(level, out var value) ? value.GetDouble() : null;
        return new Indicator
        {
            Id = element.GetProperty("id").GetString()!,
            Unit = element.GetProperty("unit").GetString()!,
            Direction = Enum.Parse<ThresholdDirection>(element.GetProperty("direction").GetString()!),
            Thresholds = new IndicatorThresholds { Blue = Threshold("blue"), Yellow = Threshold("yellow"), Orange = Threshold("orange"), Red = Threshold("red") },
            Hysteresis = element.TryGetProperty("hysteresis", out var hysteresis) ? hysteresis.GetDouble() : 0,
            MinimumDuration = element.TryGetProperty("minimumDuration", out var duration) ? XmlConvert.ToTimeSpan(duration.GetString()!) : TimeSpan.Zero,
        };
    }
}
