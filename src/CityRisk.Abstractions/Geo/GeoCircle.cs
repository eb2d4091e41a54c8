namespace CityRisk.Geo;

/// <summary>A circle on the earth: a centre and a radius in kilometres (CAP's <c>lat,lon radius</c>).</summary>
/// <param name="Center">The centre.</param>
/// <param name="RadiusKm">The radius in kilometres; zero for a point.</param>
public sealed record GeoCircle(GeoPoint Center, double RadiusKm);
