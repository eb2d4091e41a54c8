namespace CityRisk.Incidents;

/// <summary>What an incident cost, as known at a revision; each value absent when not known.</summary>
public sealed record Losses
{
    /// <summary>The direct economic loss, in yuan (CNY).</summary>
    public decimal? DirectEconomicLoss { get; init; }

    /// <summary>People affected.</summary>
    public int? AffectedPeople { get; init; }

    /// <summary>People evacuated or relocated.</summary>
    public int? EvacuatedPeople { get; init; }

    /// <summary>Buildings damaged or destroyed.</summary>
    public int? BuildingsDamaged { get; init; }
}
