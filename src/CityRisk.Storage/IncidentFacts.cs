namespace CityRisk.Storage;

/// <summary>What statistics need of an incident's current revision; the hub derives it, the store indexes it without parsing anything.</summary>
public sealed record IncidentFacts
{
    /// <summary>The reporting partner (the entity's owner).</summary>
    public required string Owner { get; init; }

    /// <summary>The incident's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its six-digit GB/T 2260 jurisdiction.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Its type code.</summary>
    public required string Type { get; init; }

    /// <summary>Its type's category.</summary>
    public required string Category { get; init; }

    /// <summary>Its grade, 1 (I) to 4 (IV).</summary>
    public required int Grade { get; init; }

    /// <summary>Its state's number (docs/incidents.md: 1 Reported ... 6 Closed, 7 Rejected, 8 Merged).</summary>
    public required int State { get; init; }

    /// <summary>When it was reported.</summary>
    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>For a Closed incident, when it was closed (the closing revision's step); null otherwise.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Whether everyone may see it.</summary>
    public required bool Public { get; init; }

    /// <summary>When not public, who may: <c>partner:&lt;id&gt;</c> and <c>role:&lt;role&gt;</c> entries (the sender included).</summary>
    public IReadOnlyList<string> Viewers { get; init; } = [];
}
