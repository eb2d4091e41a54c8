namespace CityRisk;

/// <summary>The four plates of urban safety risk monitoring.</summary>
public enum RiskDomain
{
    /// <summary>Urban lifelines: gas, water, drainage and heating pipelines, bridges, utility tunnels.</summary>
    Lifeline = 1,

    /// <summary>Public safety: high-rise buildings, crowded places, traffic.</summary>
    PublicSafety = 2,

    /// <summary>Production safety: hazardous-chemical enterprises, mines, construction, industry and trade.</summary>
    ProductionSafety = 3,

    /// <summary>Natural disasters: flood, typhoon, geological hazards, forest fire, earthquake.</summary>
    NaturalDisaster = 4,
}
