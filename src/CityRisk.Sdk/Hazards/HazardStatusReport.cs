namespace CityRisk.Hazards;

/// <summary>A hazard's status as the hub evaluates it (docs/hazards.md, "Evaluation").</summary>
public sealed class HazardStatusReport
{
    internal HazardStatusReport(string owner, string id, long revision, WarningLevel? level, IReadOnlyList<IndicatorStatusReport> indicators, string? warningSender, string? warningId, DateTimeOffset? changedAt)
    {
        (Owner, Id, Revision, Level, Indicators, WarningSender, WarningId, ChangedAt) = (owner, id, revision, level, indicators, warningSender, warningId, changedAt);
    }

    /// <summary>The hazard's owner.</summary>
    public string Owner { get; }

    /// <summary>The hazard's id.</summary>
    public string Id { get; }

    /// <summary>The revision whose indicators were evaluated.</summary>
    public long Revision { get; }

    /// <summary>The hazard's status, the highest of its indicators': null when normal.</summary>
    public WarningLevel? Level { get; }

    /// <summary>Each indicator's status.</summary>
    public IReadOnlyList<IndicatorStatusReport> Indicators { get; }

    /// <summary>The partner that published the warning in force (the hub's monitor partner), or null when none is in force.</summary>
    public string? WarningSender { get; }

    /// <summary>The id of the warning in force (an alert; get it with <see cref="Alerts.AlertClient.GetAsync"/>), or null.</summary>
    public string? WarningId { get; }

    /// <summary>When the status last changed, or null when it never has.</summary>
    public DateTimeOffset? ChangedAt { get; }

    /// <inheritdoc/>
    public override string ToString() => $"hazard {Owner}/{Id}: {Level?.ToString() ?? "Normal"}";
}
