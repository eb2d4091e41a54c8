namespace CityRisk.Storage;

/// <summary>What <see cref="IObservationStore.QueryObservationsAsync"/> reads: one hazard's observations in key order.</summary>
public sealed record ObservationQuery
{
    /// <summary>The hazard's owner.</summary>
    public required string HazardOwner { get; init; }

    /// <summary>The hazard's id.</summary>
    public required string HazardId { get; init; }

    /// <summary>Only this indicator; null for all.</summary>
    public string? IndicatorId { get; init; }

    /// <summary>Observed at or after this instant; null for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Observed before this instant; null for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Start after this key (indicator id and observed-at instant): the last one of the previous page; null to start at the beginning.</summary>
    public (string IndicatorId, DateTimeOffset ObservedAt)? After { get; init; }

    /// <summary>The most observations to return; positive.</summary>
    public int Limit { get; init; } = 1000;
}
