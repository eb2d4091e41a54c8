namespace CityRisk.Hazards;

/// <summary>One reading of an indicator: when it was observed, and the value in the indicator's unit.</summary>
/// <param name="ObservedAt">When the sensor observed it (not when it arrived).</param>
/// <param name="Value">The value, finite.</param>
public readonly record struct IndicatorReading(DateTimeOffset ObservedAt, double Value);
