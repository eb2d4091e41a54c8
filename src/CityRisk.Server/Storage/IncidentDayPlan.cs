namespace CityRisk.Server.Storage;

/// <summary>
/// How the SQLite store reads a statistics period (migration 8): the whole UTC days in it from the per-day counts of
/// public incidents (<c>incident_days</c>) together with their restricted incidents row by row, and the rest row by
/// row from <c>incident_facts</c>: the partial days at either end, and the day holding the old-case instant, where
/// whether an open incident is old depends on its exact time.
/// </summary>
internal sealed record IncidentDayPlan
{
    /// <summary>A UTC day in Unix milliseconds.</summary>
    public const long DayMs = 86_400_000;

    /// <summary>Ranges of Unix milliseconds [From, To) read row by row, public and restricted alike.</summary>
    public required IReadOnlyList<(long From, long To)> Rows { get; init; }

    /// <summary>Ranges of UTC day numbers [First, End) read from the per-day counts, their restricted incidents row by row.</summary>
    public required IReadOnlyList<(long First, long End)> Days { get; init; }

    /// <summary>The UTC day holding the old-case instant: an open incident of an earlier day is old, of a later day is not.</summary>
    public required long OldDay { get; init; }

    /// <summary>Splits a period [<paramref name="from"/>, <paramref name="to"/>) of Unix milliseconds.</summary>
    /// <param name="from">The period's start.</param>
    /// <param name="to">The period's end (excluded).</param>
    /// <param name="old">The old-case instant: an open incident reported at or before it is old.</param>
    public static IncidentDayPlan Of(long from, long to, long old)
    {
        var oldDay = FloorDiv(old, DayMs);

        // Day 0 and the days before 1970 stay row by row: SQLite's integer division truncates towards zero, so its
        // day number of a negative instant is not the floor.
        var first = Math.Max(-FloorDiv(-from, DayMs), 1);
        var end = FloorDiv(to, DayMs);
        if (to <= from || first >= end)
        {
            return new IncidentDayPlan { Rows = to > from ? [(from, to)] : [], Days = [], OldDay = oldDay };
        }

        List<(long, long)> rows = [];
        List<(long, long)> days = [];
        if (from < first * DayMs)
        {
            rows.Add((from, first * DayMs));
        }

        if (oldDay >= first && oldDay < end)
        {
            rows.Add((oldDay * DayMs, (oldDay + 1) * DayMs));
            days.AddRange(new[] { (first, oldDay), (oldDay + 1, end) }.Where(d => d.Item1 < d.Item2));
        }
        else
        {
            days.Add((first, end));
        }

        if (end * DayMs < to)
        {
            rows.Add((end * DayMs, to));
        }

        return new IncidentDayPlan { Rows = rows, Days = days, OldDay = oldDay };
    }

    private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}
