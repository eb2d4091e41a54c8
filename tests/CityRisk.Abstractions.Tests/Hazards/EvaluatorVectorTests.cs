using System.Text.Json;
using System.Xml;
using CityRisk.Hazards;
using CityRisk.Testing.Shared;

namespace CityRisk.Tests.Hazards;

/// <summary>
/// The language-neutral evaluator vectors (conformance/evaluator/*.json): indicators, readings in arrival order, and
/// after each reading the indicator's status, the hazard's status and the warning action expected. Any
/// implementation of docs/hazards.md ("Evaluation") must reproduce them exactly.
/// </summary>
public sealed class EvaluatorVectorTests
{
    private static string Folder => Path.Combine(RepositoryRoot.Path, "conformance", "evaluator");

    public static TheoryData<string> Vectors { get; } = [.. Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_evaluator_reproduces_every_expected_status_and_action(string file)
    {
        using var vector = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, file)));
        var root = vector.RootElement;
        Assert.Equal(Path.GetFileNameWithoutExtension(file), root.GetProperty("id").GetString());
        var hazard = new HazardEvaluator(root.GetProperty("indicators").EnumerateArray().Select(ReadIndicator).ToList());

        var step = 0;
        foreach (var reading in root.GetProperty("readings").EnumerateArray())
        {
            step++;
            var indicator = reading.GetProperty("indicator").GetString()!;
            var change = hazard.Apply(indicator, new IndicatorReading(DateTimeOffset.Parse(reading.GetProperty("observedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture), reading.GetProperty("value").GetDouble()));
            var expect = reading.GetProperty("expect");
            var where = $"{file}, reading {step} ({reading.GetProperty("observedAt").GetString()} {indicator} = {reading.GetProperty("value").GetDouble()})";
            Assert.True(Status(expect.GetProperty("indicator").GetString()) == hazard.Indicators[indicator].Status, $"{where}: indicator {Name(hazard.Indicators[indicator].Status)}, expected {expect.GetProperty("indicator").GetString()}");
            Assert.True(Status(expect.GetProperty("hazard").GetString()) == hazard.Status, $"{where}: hazard {Name(hazard.Status)}, expected {expect.GetProperty("hazard").GetString()}");
            var action = expect.TryGetProperty("action", out var a) ? a.GetString() : null;
            Assert.True(action == change?.Action.ToString(), $"{where}: action {change?.Action.ToString() ?? "none"}, expected {action ?? "none"}");
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_stored_state_resumes_exactly_where_the_evaluator_was(string file)
    {
        using var vector = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, file)));
        var indicators = vector.RootElement.GetProperty("indicators").EnumerateArray().Select(ReadIndicator).ToList();
        var readings = vector.RootElement.GetProperty("readings").EnumerateArray()
            .Select(r => (r.GetProperty("indicator").GetString()!, new IndicatorReading(DateTimeOffset.Parse(r.GetProperty("observedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture), r.GetProperty("value").GetDouble())))
            .ToList();

        // A restart after every reading: a fresh evaluator from the stored states gives the same statuses and actions.
        var straight = new HazardEvaluator(indicators);
        var restarted = new HazardEvaluator(indicators);
        foreach (var (indicator, reading) in readings)
        {
            var expected = straight.Apply(indicator, reading);
            var actual = restarted.Apply(indicator, reading);
            Assert.Equal(expected?.Action, actual?.Action);
            Assert.Equal(straight.Status, restarted.Status);
            restarted = new HazardEvaluator(indicators, restarted.Indicators.ToDictionary(i => i.Key, i => i.Value.State));
        }
    }

    internal static Indicator ReadIndicator(JsonElement json)
    {
        var thresholds = json.GetProperty("thresholds");
        double? Threshold(string name) => thresholds.TryGetProperty(name, out var value) ? value.GetDouble() : null;
        return new Indicator
        {
            Id = json.GetProperty("id").GetString()!,
            Unit = json.GetProperty("unit").GetString()!,
            Direction = Enum.Parse<ThresholdDirection>(json.GetProperty("direction").GetString()!),
            Thresholds = new IndicatorThresholds { Blue = Threshold("blue"), Yellow = Threshold("yellow"), Orange = Threshold("orange"), Red = Threshold("red") },
            Hysteresis = json.GetProperty("hysteresis").GetDouble(),
            MinimumDuration = XmlConvert.ToTimeSpan(json.GetProperty("minimumDuration").GetString()!),
        };
    }

    private static WarningLevel? Status(string? name) => name == "Normal" ? null : Enum.Parse<WarningLevel>(name!);

    private static string Name(WarningLevel? status) => status?.ToString() ?? "Normal";
}
