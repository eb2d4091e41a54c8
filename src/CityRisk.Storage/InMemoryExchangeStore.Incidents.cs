namespace CityRisk.Storage;

public sealed partial class InMemoryExchangeStore : IIncidentStore
{
    private readonly Dictionary<(string Owner, string Id), IncidentFacts> _incidents = [];

    /// <inheritdoc/>
    public Task<AppendResult> AppendIncidentAsync(StoredMessage message, IncidentFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        lock (_lock)
        {
            var result = Append(message);
            if (result.Outcome == AppendOutcome.Appended)
            {
                _incidents[(facts.Owner, facts.Id)] = facts;
            }

            return Task.FromResult(result);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<IncidentCountsRecord>> CountIncidentsAsync(IncidentCountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tally = new IncidentTally(query);
        lock (_lock)
        {
            foreach (var facts in _incidents.Values)
            {
                if (facts.Jurisdiction.StartsWith(query.Prefix, StringComparison.Ordinal)
                    && facts.ReportedAt >= query.ReportedFrom && facts.ReportedAt < query.ReportedTo
                    && (query.Types.Count == 0 || query.Types.Contains(facts.Type) || query.Types.Contains(facts.Category))
                    && (query.Grades.Count == 0 || query.Grades.Contains(facts.Grade))
                    && (facts.Public || facts.Viewers.Any(query.Viewer.Contains)))
                {
                    tally.Add(facts.Jurisdiction, facts.State, facts.ReportedAt.ToUnixTimeMilliseconds(), facts.ClosedAt?.ToUnixTimeMilliseconds());
                }
            }
        }

        return Task.FromResult(tally.Result());
    }
}
