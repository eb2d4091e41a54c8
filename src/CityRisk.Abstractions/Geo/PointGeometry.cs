namespace CityRisk.Geo;

/// <summary>A point: a sensor, a bridge pier, an enterprise's gate. GeoJSON <c>Point</c>.</summary>
/// <param name="Coordinates">The position.</param>
public sealed record PointGeometry(GeoPoint Coordinates) : GeoGeometry
{
    /// <inheritdoc/>
    public override IEnumerable<GeoPoint> Positions => [Coordinates];
}
