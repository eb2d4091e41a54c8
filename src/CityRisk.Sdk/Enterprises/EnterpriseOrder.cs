namespace CityRisk.Enterprises;

/// <summary>The order of a profile query's results.</summary>
public enum EnterpriseOrder
{
    /// <summary>Highest risk score first; profiles without a score last; ties by owner, then credit code.</summary>
    Score = 0,

    /// <summary>By credit code, then owner (the export's order).</summary>
    CreditCode = 1,
}
