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
    private readonly long _oldAt;
    private readonly Counter _total;
    private readonly Dictionary<int, Counter> _divisions = [];

    /// <summary>Starts a tally for a query.</summary>
    /// <param name="query">What is counted.</param>
    public IncidentTally(IncidentCountQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
        _oldAt = query.OpenOlderThan.ToUnixTimeMilliseconds();
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
        var digits = _query.SubdivisionDigits;
        var subdivision = digits > 0 && jurisdiction.Length >= digits && int.TryParse(jurisdiction.AsSpan(0, digits), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : -1;
        Add(subdivision, state, reportedAt <= _oldAt, state == Closed ? Math.Max(0, (closedAt ?? reportedAt) - reportedAt) / 1000 : null);
    }

    /// <summary>
    /// Counts one incident the query selected, for a store that works out the parts itself (in SQL, without
    /// allocating per row): the sub-division as the number of the jurisdiction's first
    /// <see cref="IncidentCountQuery.SubdivisionDigits"/> digits (-1 for none), whether it was reported at or before
    /// <see cref="IncidentCountQuery.OpenOlderThan"/>, and for a Closed one (closed-at − reported-at) ms / 1000.
    /// </summary>
    /// <param name="subdivision">The sub-division's number (<c>410204</c>, <c>4102</c>), or -1.</param>
    /// <param name="state">Its state number.</param>
    /// <param name="reportedBeforeOld">Whether it was reported at or before the query's old-case instant.</param>
    /// <param name="secondsToClose">For a Closed incident, its whole seconds from report to close.</param>
    public void Add(int subdivision, int state, bool reportedBeforeOld, long? secondsToClose)
    {
        _total.Add(state, reportedBeforeOld, secondsToClose);
        if (subdivision >= 0)
        {
            if (!_divisions.TryGetValue(subdivision, out var counter))
            {
                var code = subdivision.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(_query.SubdivisionDigits, '0').PadRight(6, '0');
                _divisions[subdivision] = counter = new Counter(code);
            }

            counter.Add(state, reportedBeforeOld, secondsToClose);
        }
    }

    /// <summary>The counts: the whole division first, then each sub-division by code.</summary>
    public IReadOnlyList<IncidentCountsRecord> Result() => [_total.Result(), .. _divisions.OrderBy(d => d.Key).Select(d => d.Value.Result())];

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

        public void Add(int state, bool old, long? secondsToClose)
        {
            _reported++;
            switch (state)
            {
                case Closed:
                    _closed++;
                    _secondsToClose.Add(Math.Max(0, secondsToClose ?? 0));
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
