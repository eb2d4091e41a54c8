using CityRisk.Alerts;

namespace CityRisk.Hazards;

/// <summary>Which hazards a query or subscription selects; every set member must match, and an empty filter selects every hazard the caller may see.</summary>
public sealed record HazardFilter
{
    /// <summary>Any of these owners (partner ids).</summary>
    public IReadOnlyList<string>? Owners { get; init; }

    /// <summary>Hazards in any of these GB/T 2260 divisions, or divisions within them (<c>340000</c> matches <c>340102</c>).</summary>
    public IReadOnlyList<string>? Jurisdictions { get; init; }

    /// <summary>Hazards whose geometry intersects this area.</summary>
    public AlertArea? Area { get; init; }

    /// <summary>Any of these types (<see cref="HazardTypes"/> codes, or namespaced ones).</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Any of these domains.</summary>
    public IReadOnlyList<RiskDomain>? Domains { get; init; }

    /// <summary>Any of these risk grades.</summary>
    public IReadOnlyList<RiskGrade>? RiskGrades { get; init; }
}
