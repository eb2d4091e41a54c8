namespace CityRisk.Alerts;

/// <summary>The category of the subject event (CAP <c>category</c>).</summary>
public enum AlertCategory
{
    /// <summary>Geophysical (including landslide).</summary>
    Geo,

    /// <summary>Meteorological (including flood).</summary>
    Met,

    /// <summary>General emergency and public safety.</summary>
    Safety,

    /// <summary>Law enforcement, military, homeland and local/private security.</summary>
    Security,

    /// <summary>Rescue and recovery.</summary>
    Rescue,

    /// <summary>Fire suppression and rescue.</summary>
    Fire,

    /// <summary>Medical and public health.</summary>
    Health,

    /// <summary>Pollution and other environmental.</summary>
    Env,

    /// <summary>Public and private transportation.</summary>
    Transport,

    /// <summary>Utility, telecommunication, other non-transport infrastructure.</summary>
    Infra,

    /// <summary>Chemical, Biological, Radiological, Nuclear or High-Yield Explosive threat or attack (CAP 1.1 and later).</summary>
    CBRNE,

    /// <summary>Other events.</summary>
    Other,
}
