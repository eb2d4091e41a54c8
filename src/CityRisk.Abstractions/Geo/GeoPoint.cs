using System.Text.Json.Serialization;
using CityRisk.Json;

namespace CityRisk.Geo;

/// <summary>
/// A WGS 84 position. In JSON it is a GeoJSON position <c>[longitude, latitude]</c>;
/// in CAP XML it is written <c>latitude,longitude</c>.
/// </summary>
/// <param name="Longitude">Degrees east, -180 to 180.</param>
/// <param name="Latitude">Degrees north, -90 to 90.</param>
[JsonConverter(typeof(GeoPointJsonConverter))]
public readonly record struct GeoPoint(double Longitude, double Latitude)
{
    /// <summary>Whether both coordinates are finite and in range.</summary>
    public bool IsInRange =>
        double.IsFinite(Longitude) && double.IsFinite(Latitude)
        && Longitude is >= -180 and <= 180 && Latitude is >= -90 and <= 90;

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"[{Longitude}, {Latitude}]");
}
