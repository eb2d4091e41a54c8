namespace CityRisk.Enterprises;

/// <summary>Why an insurer may read enterprise profiles (docs/insurers.md, "Access").</summary>
public enum GrantBasis
{
    /// <summary>The enterprise consented to this insurer reading its profile; covers that one enterprise.</summary>
    Consent = 1,

    /// <summary>The regulator agreed with this insurer on a jurisdiction (with its sub-divisions) and a set of industries.</summary>
    Agreement = 2,
}
