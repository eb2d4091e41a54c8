namespace CityRisk.Server.Enterprises;

/// <summary>The partner roles enterprise risk turns on (docs/insurers.md, "Access").</summary>
internal static class EnterpriseRoles
{
    /// <summary>Publishes profiles and grants, reads its own profiles and their audit.</summary>
    public const string Regulator = "regulator";

    /// <summary>Reads profiles under grants; every read is audited.</summary>
    public const string Insurer = "insurer";
}
