namespace CityRisk;

/// <summary>
/// A CAP <c>valueName</c>/<c>value</c> pair: an eventCode, a parameter or a geocode.
/// </summary>
/// <param name="ValueName">The name of the system or scheme the value belongs to, such as <c>SAME</c> or <c>GB/T 2260</c>.</param>
/// <param name="Value">The value.</param>
public sealed record NamedValue(string ValueName, string Value);
