namespace CityRisk.Storage;

/// <summary>
/// Counts incidents into a division and its sub-divisions by the rules every implementation shares
/// (docs/incidents.md, "Statistics"), so a store only has to select the rows: states are numbered as
/// <see cref="IncidentFacts.State"/>, times to close are whole milliseconds divided down to whole seconds, and the
/// percentiles are nearest-rank.
/// </summary>
public sealed class IncidentTally
{
    /// <summary>The state numbers of Closed, Rejected and Merged.</summary>
    public const int Closed = 6, Rejected = 7, Merged = 8;

    private readonly IncidentCountQuery _query;
    private readonly Counter _total;
    private readonly SortedDictionary<string, Counter> _divisions = new(StringComparer.Ordinal);

    /// <summary>Starts a tally for a query.</summary>
    /// <param name="query">What is counted.</param>
    public IncidentTally(IncidentCountQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _total = new Counter(query.Prefix.PadRight(6, '0'));
    }

    /// <summary>Counts one incident the query selected.</summary>
    /// <param name="jurisdiction">Its six-digit jurisdiction.</param>
    /// <param name="state">Its state number.</param>
    /// <param name="reportedAt">When it was reported, Unix milliseconds.</param>
    /// <param name="closedAt">When it was closed, Unix milliseconds, for a Closed incident.</param>
    public void Add(string jurisdiction, int state, long reportedAt, long? closedAt)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        var old = reportedAt <= _query.OpenOlderThan.ToUnixTimeMilliseconds();
        _total.Add(state, old, reportedAt, closedAt);
        if (_query.SubdivisionDigits > 0 && jurisdiction.Length >= _query.SubdivisionDigits)
        {
            var code = jurisdiction[.._query.SubdivisionDigits].PadRight(6, '0');
            if (!_divisions.TryGetValue(code, out var counter))
            {
                _divisions[code] = counter = new Counter(code);
            }

            counter.Add(state, old, reportedAt, closedAt);
        }
    }

    /// <summary>The counts: the whole division first, then each sub-division by code.</summary>
    public IReadOnlyList<IncidentCountsRecord> Result() => [_total.Result(), .. _divisions.Values.Select(d => d.Result())];

    /// <summary>The nearest-rank percentile of ascending values: the ceil(p·n)-th smallest (the first for p·n under 1).</summary>
    /// <param name="sorted">The values, ascending; not empty.</param>
    /// <param name="percentile">The percentile, over 0 and at most 1 (0.5 for the median).</param>
    public static long NearestRank(IReadOnlyList<long> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percentile * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private sealed class Counter(string division)
    {
        private readonly List<long> _secondsToClose = [];
        private long _reported, _closed, _rejected, _merged, _old;

        public void Add(int state, bool old, long reportedAt, long? closedAt)
        {
            _reported++;
            switch (state)
            {
                case Closed:
                    _closed++;
                    _secondsToClose.Add(Math.Max(0, (closedAt ?? reportedAt) - reportedAt) / 1000);
                    break;
                case Rejected:
                    _rejected++;
                    break;
                case Merged:
                    _merged++;
                    break;
                default:
                    _old += old ? 1 : 0;
                    break;
            }
        }

        public IncidentCountsRecord Result()
        {
            _secondsToClose.Sort();
            var any = _secondsToClose.Count > 0;
            return new IncidentCountsRecord(division, _reported, _closed, _rejected, _merged, _reported - _closed - _rejected - _merged, _old,
                any ? NearestRank(_secondsToClose, 0.5) : null, any ? NearestRank(_secondsToClose, 0.9) : null);
        }
    }
}
