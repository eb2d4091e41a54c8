namespace CityRisk.Enterprises;

/// <summary>Which recorded reads of your profiles to list (docs/insurers.md, "Audit"); unset conditions select anything.</summary>
public sealed record EnterpriseAuditQuery
{
    /// <summary>Only reads of this profile (its credit code).</summary>
    public string? CreditCode { get; init; }

    /// <summary>Only reads by this insurer.</summary>
    public string? Insurer { get; init; }

    /// <summary>Only reads at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only reads before this instant.</summary>
    public DateTimeOffset? To { get; init; }
}
