namespace CityRisk.Geo;

/// <summary>
/// A geographic area the CAP way: a description and any number of polygons, circles and geocodes,
/// with an optional altitude and ceiling. The area is the union of its shapes.
/// </summary>
public sealed record Area
{
    /// <summary>A text description of the area (CAP <c>areaDesc</c>). Required.</summary>
    public required string Description { get; init; }

    /// <summary>Polygons (CAP <c>polygon</c>); a CAP polygon has one closed ring of at least four points.</summary>
    public IReadOnlyList<GeoPolygon> Polygons { get; init => field = value ?? []; } = [];

    /// <summary>Circles (CAP <c>circle</c>).</summary>
    public IReadOnlyList<GeoCircle> Circles { get; init => field = value ?? []; } = [];

    /// <summary>
    /// Geographic codes (CAP <c>geocode</c>); Chinese administrative divisions use valueName
    /// <see cref="Jurisdiction.GeocodeValueName"/>.
    /// </summary>
    public IReadOnlyList<NamedValue> Geocodes { get; init => field = value ?? []; } = [];

    /// <summary>The altitude, or the lower limit of the area when a ceiling is given (CAP: feet above mean sea level).</summary>
    public decimal? Altitude { get; init; }

    /// <summary>The upper limit of the area (CAP: feet above mean sea level); requires <see cref="Altitude"/>.</summary>
    public decimal? Ceiling { get; init; }

    /// <summary>The jurisdictions named by this area's <c>GB/T 2260</c> geocodes that parse as codes.</summary>
    /// <returns>The jurisdictions, in document order.</returns>
    public IEnumerable<Jurisdiction> Jurisdictions()
    {
        foreach (var geocode in Geocodes)
        {
            if (geocode.ValueName == Jurisdiction.GeocodeValueName && Jurisdiction.TryParse(geocode.Value, out var jurisdiction))
            {
                yield return jurisdiction;
            }
        }
    }

    /// <summary>Whether two areas are the same: description, every polygon, circle and geocode in order, altitude and ceiling.</summary>
    /// <param name="other">The other area.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Area? other) =>
        other is not null && (ReferenceEquals(this, other) || (
            Description == other.Description && ContentEquality.Lists(Polygons, other.Polygons) && ContentEquality.Lists(Circles, other.Circles)
            && ContentEquality.Lists(Geocodes, other.Geocodes) && Altitude == other.Altitude && Ceiling == other.Ceiling));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Description);
        ContentEquality.AddList(ref hash, Polygons);
        ContentEquality.AddList(ref hash, Circles);
        ContentEquality.AddList(ref hash, Geocodes);
        return hash.ToHashCode();
    }
}
