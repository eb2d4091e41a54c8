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
    private Counter? _last;
    private int _lastSubdivision = -1;

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
        if (subdivision < 0)
        {
            _total.Add(state, reportedBeforeOld, secondsToClose);
            return;
        }

        // The division's times are its sub-divisions' (merged at the end): kept once, not twice. Rows usually come
        // grouped by jurisdiction, so the last sub-division is looked up once per run of rows.
        _total.Count(state, reportedBeforeOld);
        if (subdivision != _lastSubdivision || _last is null)
        {
            if (!_divisions.TryGetValue(subdivision, out _last))
            {
                var code = subdivision.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(_query.SubdivisionDigits, '0').PadRight(6, '0');
                _divisions[subdivision] = _last = new Counter(code);
            }

            _lastSubdivision = subdivision;
        }

        _last.Add(state, reportedBeforeOld, secondsToClose);
    }

    /// <summary>Adds what another tally of the same query counted (a store that reads parts of the division in parallel).</summary>
    /// <param name="other">The other tally.</param>
    public void Merge(IncidentTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _total.Merge(other._total);
        foreach (var (subdivision, counter) in other._divisions)
        {
            if (_divisions.TryGetValue(subdivision, out var mine))
            {
                mine.Merge(counter);
            }
            else
            {
                _divisions[subdivision] = counter;
            }
        }

        _last = null;
    }

    /// <summary>The counts: the whole division first, then each sub-division by code.</summary>
    public IReadOnlyList<IncidentCountsRecord> Result()
    {
        var divisions = _divisions.OrderBy(d => d.Key).Select(d => d.Value.Result([])).ToList();
        return [_total.Result([.. _divisions.Values.Select(d => d.Times)]), .. divisions];
    }

    /// <summary>
    /// The nearest-rank percentile of several ascending lists taken together: the ceil(p·n)-th smallest of their n
    /// values (the first for p·n under 1). Found by bisecting on the value, counting with a binary search in each list
    /// how many values are at most it: a few thousand steps for a million times, where merging up to the rank took
    /// one priority-queue step per value.
    /// </summary>
    private static long NearestRank(IReadOnlyList<List<long>> sorted, long count, double percentile)
    {
        var rank = Math.Clamp((long)Math.Ceiling(percentile * count), 1, count);
        var nonEmpty = sorted.Where(list => list.Count > 0).ToList();
        if (nonEmpty.Count == 1)
        {
            return nonEmpty[0][(int)(rank - 1)];
        }

        // The smallest value with at least `rank` values at or below it is the rank-th smallest, and one of the values.
        long low = nonEmpty.Min(list => list[0]), high = nonEmpty.Max(list => list[^1]);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (nonEmpty.Sum(list => (long)AtMost(list, middle)) >= rank)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>How many values of an ascending list are at most <paramref name="value"/>.</summary>
    private static int AtMost(List<long> sorted, long value)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private sealed class Counter(string division)
    {
        private long _reported, _closed, _rejected, _merged, _old;

        /// <summary>Its own closed incidents' times (those of no sub-division, for the division); sorted by <see cref="Result"/>.</summary>
        public List<long> Times { get; } = [];

        public void Add(int state, bool old, long? secondsToClose)
        {
            Count(state, old);
            if (state == Closed)
            {
                Times.Add(Math.Max(0, secondsToClose ?? 0));
            }
        }

        public void Merge(Counter other)
        {
            _reported += other._reported;
            _closed += other._closed;
            _rejected += other._rejected;
            _merged += other._merged;
            _old += other._old;
            Times.AddRange(other.Times);
        }

        public void Count(int state, bool old)
        {
            _reported++;
            switch (state)
            {
                case Closed:
                    _closed++;
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

        /// <summary>The record, its times merged with <paramref name="more"/> (each already sorted) for the percentiles.</summary>
        public IncidentCountsRecord Result(IReadOnlyList<List<long>> more)
        {
            Times.Sort();
            List<List<long>> all = [Times, .. more];
            var count = all.Sum(t => (long)t.Count);
            return new IncidentCountsRecord(division, _reported, _closed, _rejected, _merged, _reported - _closed - _rejected - _merged, _old,
                count > 0 ? NearestRank(all, count, 0.5) : null, count > 0 ? NearestRank(all, count, 0.9) : null);
        }
    }
}
