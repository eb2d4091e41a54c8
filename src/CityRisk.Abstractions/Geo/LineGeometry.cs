namespace CityRisk.Geo;

/// <summary>A line of two or more positions: a gas pipeline, a water main, a utility tunnel. GeoJSON <c>LineString</c>.</summary>
/// <param name="Coordinates">The positions, in order.</param>
public sealed record LineGeometry(IReadOnlyList<GeoPoint> Coordinates) : GeoGeometry
{
    /// <inheritdoc/>
    public override IEnumerable<GeoPoint> Positions => Coordinates;

    /// <summary>Equal when the positions are equal, in order.</summary>
    /// <param name="other">The other line.</param>
    public bool Equals(LineGeometry? other) => other is not null && Coordinates.SequenceEqual(other.Coordinates);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var point in Coordinates)
        {
            hash.Add(point);
        }

        return hash.ToHashCode();
    }
}
