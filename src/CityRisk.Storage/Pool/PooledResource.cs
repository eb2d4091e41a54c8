namespace CityRisk.Storage;

/// <summary>A resource as the pool ledger keeps it (docs/resources.md, "The arithmetic"): what the owner has, and what is committed of it.</summary>
public sealed record PooledResource
{
    /// <summary>The owning partner.</summary>
    public required string Owner { get; init; }

    /// <summary>The resource's id.</summary>
    public required string Id { get; init; }

    /// <summary>The revision these values are from.</summary>
    public required long Revision { get; init; }

    /// <summary>Its type code.</summary>
    public required string Type { get; init; }

    /// <summary>What one of its quantity is.</summary>
    public required string Unit { get; init; }

    /// <summary>How many the owner has.</summary>
    public required int Quantity { get; init; }

    /// <summary>Its status as published (<c>Available</c>, <c>Deployed</c>, <c>OutOfService</c>); only an Available one can be offered.</summary>
    public required string Status { get; init; }

    /// <summary>Its home's longitude, degrees.</summary>
    public required double Longitude { get; init; }

    /// <summary>Its home's latitude, degrees.</summary>
    public required double Latitude { get; init; }

    /// <summary>Its six-digit GB/T 2260 jurisdiction.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Its capabilities: name, value for one unit, unit.</summary>
    public IReadOnlyList<(string Name, double Value, string Unit)> Capabilities { get; init; } = [];

    /// <summary>Whether everyone may see it.</summary>
    public required bool Public { get; init; }

    /// <summary>Who else may see it, as viewer entries (<c>partner:&lt;id&gt;</c>, <c>role:&lt;role&gt;</c>, <c>group:&lt;name&gt;</c>); the owner always.</summary>
    public IReadOnlyList<string> Viewers { get; init; } = [];

    /// <summary>Committed and not released: the ledger keeps this, a revision never sets it.</summary>
    public int Committed { get; init; }

    /// <summary>Whether more can be offered (its status is Available).</summary>
    public bool Offerable => Status == "Available";
}
