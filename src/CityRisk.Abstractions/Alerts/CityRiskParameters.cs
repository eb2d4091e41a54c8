namespace CityRisk.Alerts;

/// <summary>The CAP parameter names that carry the CityRisk extensions of an info block.</summary>
public static class CityRiskParameters
{
    /// <summary>The prefix of every CityRisk parameter name.</summary>
    public const string Prefix = "CityRisk:";

    /// <summary>The warning colour level: <c>Blue</c>, <c>Yellow</c>, <c>Orange</c> or <c>Red</c>.</summary>
    public const string Level = "CityRisk:level";

    /// <summary>The risk domain: <c>Lifeline</c>, <c>PublicSafety</c>, <c>ProductionSafety</c> or <c>NaturalDisaster</c>.</summary>
    public const string Domain = "CityRisk:domain";

    /// <summary>A hazard id; one parameter per hazard.</summary>
    public const string Hazard = "CityRisk:hazard";

    /// <summary>
    /// An observation that caused a warning, as <c>owner/hazard/indicator/observed-at</c> (the observed-at in RFC 3339);
    /// one parameter per observation. Hubs write it on the warnings they generate from hazards' readings.
    /// </summary>
    public const string Observation = "CityRisk:observation";
}
