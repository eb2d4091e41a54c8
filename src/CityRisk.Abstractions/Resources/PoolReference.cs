namespace CityRisk.Resources;

/// <summary>The key of another pooling entity a document answers: its owner and its id (the kind follows from the member).</summary>
public sealed record PoolReference
{
    /// <summary>The owning partner.</summary>
    public required string Owner { get; init; }

    /// <summary>The entity's id, unique for its owner.</summary>
    public required string Id { get; init; }
}
