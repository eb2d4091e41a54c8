namespace CityRisk.Incidents;

/// <summary>Incident statistics for a division and its sub-divisions.</summary>
/// <param name="Total">The whole division.</param>
/// <param name="Subdivisions">Each sub-division with at least one counted incident, by code.</param>
/// <param name="AsOf">The instant open cases' age was measured from.</param>
public sealed record IncidentStatisticsReport(IncidentCountsReport Total, IReadOnlyList<IncidentCountsReport> Subdivisions, DateTimeOffset AsOf);
