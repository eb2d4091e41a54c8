namespace CityRisk.Server.Hazards;

/// <summary>How the monitor's writer picks the calls it writes together (one transaction, one fsync).</summary>
internal static class RecordGroups
{
    /// <summary>
    /// Moves the next group to write from <paramref name="waiting"/> (in arrival order) into <paramref name="group"/>.
    /// Normally the oldest calls, up to <paramref name="maxRows"/> rows. When a call may warn, its group is that call,
    /// the other such calls, and every call that arrived before one of them about the same hazard (so each hazard's
    /// readings are still judged in arrival order, which the evaluator's late-reading rule depends on): a warning then
    /// waits for at most the group being written, not for the whole queue of bulk readings ahead of it.
    /// </summary>
    public static void Take(List<PendingRecord> waiting, List<PendingRecord> group, int maxRows)
    {
        group.Clear();
        var lastUrgent = waiting.FindLastIndex(p => p.Urgent);
        if (lastUrgent < 0)
        {
            var rows = 0;
            var count = 0;
            while (count < waiting.Count && (count == 0 || rows + waiting[count].Rows <= maxRows))
            {
                rows += waiting[count].Rows;
                count++;
            }

            group.AddRange(waiting.GetRange(0, count));
            waiting.RemoveRange(0, count);
            return;
        }

        // From the newest urgent call back: a call joins when it is urgent or shares a hazard with one that joined.
        var hazards = new HashSet<(string Owner, string Id)>();
        var taken = new bool[lastUrgent + 1];
        for (var i = lastUrgent; i >= 0; i--)
        {
            if (waiting[i].Urgent || waiting[i].Touches(hazards))
            {
                taken[i] = true;
                foreach (var (_, _, hazard) in waiting[i].Accepted)
                {
                    hazards.Add((hazard.Owner, hazard.Id));
                }
            }
        }

        for (var i = 0; i <= lastUrgent; i++)
        {
            if (taken[i])
            {
                group.Add(waiting[i]);
            }
        }

        var kept = 0;
        for (var i = 0; i < waiting.Count; i++)
        {
            if (i > lastUrgent || !taken[i])
            {
                waiting[kept++] = waiting[i];
            }
        }

        waiting.RemoveRange(kept, waiting.Count - kept);
    }
}
