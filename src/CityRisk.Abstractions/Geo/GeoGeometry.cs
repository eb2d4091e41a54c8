using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk.Geo;

/// <summary>
/// Where a monitored thing or an event is: a point, a line (a pipeline, a road) or a polygon (a site, a slope).
/// In CityRisk JSON it is a GeoJSON geometry of type <c>Point</c>, <c>LineString</c> or <c>Polygon</c>, coordinates
/// as [longitude, latitude].
/// </summary>
[JsonConverter(typeof(GeoGeometryJsonConverter))]
public abstract record GeoGeometry
{
    private protected GeoGeometry()
    {
    }

    /// <summary>Every position of the geometry (a polygon's rings, one after another).</summary>
    [JsonIgnore]
    public abstract IEnumerable<GeoPoint> Positions { get; }
}
