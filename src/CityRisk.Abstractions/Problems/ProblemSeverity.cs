namespace CityRisk.Problems;

/// <summary>How serious a <see cref="Problem"/> is.</summary>
public enum ProblemSeverity
{
    /// <summary>The document breaks a normative rule: it is invalid and must not be accepted.</summary>
    Error,

    /// <summary>The document breaks a recommendation (a SHOULD rule) or loses something in conversion; it stays valid.</summary>
    Warning,
}
