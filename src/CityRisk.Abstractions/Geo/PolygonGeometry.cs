namespace CityRisk.Geo;

/// <summary>An area: a plant's site, a slope, a crowded square. GeoJSON <c>Polygon</c> (outer ring first, then holes).</summary>
/// <param name="Polygon">The rings.</param>
public sealed record PolygonGeometry(GeoPolygon Polygon) : GeoGeometry
{
    /// <inheritdoc/>
    public override IEnumerable<GeoPoint> Positions => Polygon.Rings.SelectMany(r => r);
}
