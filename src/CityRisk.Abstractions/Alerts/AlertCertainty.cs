namespace CityRisk.Alerts;

/// <summary>
/// The confidence in the observation or prediction (CAP <c>certainty</c>); greater values are more certain.
/// CAP 1.0's "Very Likely" is read as <see cref="Likely"/>, as CAP 1.1 directs.
/// </summary>
public enum AlertCertainty
{
    /// <summary>Certainty unknown.</summary>
    Unknown = 0,

    /// <summary>Not expected to occur (p ~ 0).</summary>
    Unlikely = 1,

    /// <summary>Possible but not likely (p &lt;= ~50%).</summary>
    Possible = 2,

    /// <summary>Likely (p &gt; ~50%).</summary>
    Likely = 3,

    /// <summary>Determined to have occurred or to be ongoing (CAP 1.1 and later).</summary>
    Observed = 4,
}
