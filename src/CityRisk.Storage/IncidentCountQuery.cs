namespace CityRisk.Storage;

/// <summary>What <see cref="IIncidentStore.CountIncidentsAsync"/> counts: a division and period, optional type and grade conditions, and who is asking.</summary>
public sealed record IncidentCountQuery
{
    /// <summary>The division's code prefix: <c>41</c> (a province), <c>4102</c> (a city) or <c>410202</c> (a district).</summary>
    public required string Prefix { get; init; }

    /// <summary>How many leading digits name a sub-division (4 under a province, 6 under a city); 0 when there are none.</summary>
    public int SubdivisionDigits { get; init; }

    /// <summary>Incidents reported at or after this instant.</summary>
    public required DateTimeOffset ReportedFrom { get; init; }

    /// <summary>Incidents reported before this instant.</summary>
    public required DateTimeOffset ReportedTo { get; init; }

    /// <summary>Only these types or categories (either matches); empty for any.</summary>
    public IReadOnlyCollection<string> Types { get; init; } = [];

    /// <summary>Only these grades (1 to 4); empty for any.</summary>
    public IReadOnlyCollection<int> Grades { get; init; } = [];

    /// <summary>An open incident reported at or before this instant counts as old.</summary>
    public required DateTimeOffset OpenOlderThan { get; init; }

    /// <summary>The viewer's entries: <c>partner:&lt;id&gt;</c> and a <c>role:&lt;role&gt;</c> for each role. Only public incidents and those naming one of these count.</summary>
    public required IReadOnlyCollection<string> Viewer { get; init; }
}
