namespace CityRisk.Incidents;

/// <summary>People harmed by an incident, as known at a revision; each count absent when not known.</summary>
public sealed record Casualties
{
    /// <summary>People dead.</summary>
    public int? Deaths { get; init; }

    /// <summary>People injured.</summary>
    public int? Injured { get; init; }

    /// <summary>People missing.</summary>
    public int? Missing { get; init; }

    /// <summary>People trapped and awaiting rescue.</summary>
    public int? Trapped { get; init; }
}
