using CityRisk.Hazards;

namespace CityRisk.Server.Hazards;

/// <summary>
/// One call's checked rows, waiting for the writer; completed with whether each was stored, after commit and
/// publication. <c>Urgent</c> when a row may change its hazard's status: the writer takes such calls
/// ahead of the queue.
/// </summary>
internal sealed record PendingRecord(List<(int Index, Observation Observation, Hazard Hazard)> Accepted, DateTimeOffset Now, bool Urgent)
{
    public TaskCompletionSource<bool[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Rows => Accepted.Count;

    public bool Touches(HashSet<(string Owner, string Id)> hazards) => Accepted.Exists(a => hazards.Contains((a.Hazard.Owner, a.Hazard.Id)));
}
