namespace CityRisk;

/// <summary>The document formats CityRisk reads.</summary>
public enum DocumentFormat
{
    /// <summary>Neither format: the content does not start like XML or a JSON object.</summary>
    Unknown,

    /// <summary>CAP XML (<c>application/cap+xml</c>), version 1.0, 1.1 or 1.2.</summary>
    CapXml,

    /// <summary>CityRisk JSON (<c>application/vnd.cityrisk+json</c>).</summary>
    CityRiskJson,
}
