using CityRisk.Alerts;

namespace CityRisk.Incidents;

/// <summary>Which incidents a query or subscription selects; every set member must match, and an empty filter selects every incident the caller may see.</summary>
public sealed record IncidentFilter
{
    /// <summary>Incidents in any of these GB/T 2260 divisions, or divisions within them (<c>410200</c> matches <c>410204</c>).</summary>
    public IReadOnlyList<string>? Jurisdictions { get; init; }

    /// <summary>Incidents whose location intersects this area.</summary>
    public AlertArea? Area { get; init; }

    /// <summary>In any of these states.</summary>
    public IReadOnlyList<IncidentState>? States { get; init; }

    /// <summary>Of any of these types (full codes, <see cref="IncidentTypes"/>).</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>In any of these categories (<see cref="IncidentTypes.Categories"/>).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Of any of these grades.</summary>
    public IReadOnlyList<IncidentGrade>? Grades { get; init; }

    /// <summary>In any of these domains.</summary>
    public IReadOnlyList<RiskDomain>? Domains { get; init; }

    /// <summary>Assigned to any of these partners (<c>kaifeng-water</c>: what is on my desk).</summary>
    public IReadOnlyList<string>? AssignedTo { get; init; }
}
