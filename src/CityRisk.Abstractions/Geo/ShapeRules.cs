using System.Globalization;
using CityRisk.Problems;

namespace CityRisk.Geo;

/// <summary>The checks every entity with a geometry and an audience shares (hazards, incidents ...), each kind with its own codes.</summary>
internal static class ShapeRules
{
    /// <summary>Checks a geometry's shape and range, reporting under <paramref name="code"/> at <paramref name="path"/>.</summary>
    public static void Check(GeoGeometry? geometry, string code, string path, string missing, ProblemCollector problems)
    {
        switch (geometry)
        {
            case null:
                problems.Error(code, path, missing);
                return;
            case LineGeometry { Coordinates.Count: < 2 }:
                problems.Error(code, path + ".coordinates", "A LineString needs at least two positions.");
                break;
            case PolygonGeometry polygon:
                for (var r = 0; r < polygon.Polygon.Rings.Count; r++)
                {
                    var ring = polygon.Polygon.Rings[r];
                    if (ring.Count < 4 || ring[0] != ring[^1])
                    {
                        problems.Error(code, $"{path}.coordinates[{r.ToString(CultureInfo.InvariantCulture)}]", "A polygon ring needs at least four positions, the last equal to the first.");
                    }
                }

                if (polygon.Polygon.Rings.Count == 0)
                {
                    problems.Error(code, path + ".coordinates", "A Polygon needs its outer ring.");
                }

                break;
        }

        if (geometry.Positions.FirstOrDefault(p => !p.IsInRange) is { } outside && !outside.IsInRange)
        {
            problems.Error(code, path + ".coordinates", $"The position {outside} is outside WGS 84's range (longitude -180 to 180, latitude -90 to 90; GeoJSON puts longitude first).");
        }
    }

    /// <summary>A Restricted entity names its audience, a Private one its recipients, each entry well formed.</summary>
    public static void CheckAudience(DocumentScope scope, IReadOnlyList<string> audience, IReadOnlyList<string> recipients, string code, string what, string audienceIs, ProblemCollector problems)
    {
        if (scope == DocumentScope.Restricted && audience.Count == 0)
        {
            problems.Error(code, "$.audience", $"A Restricted {what} names {audienceIs}.");
        }

        if (scope == DocumentScope.Private && recipients.Count == 0)
        {
            problems.Error(code, "$.recipients", $"A Private {what} names the partners it is shared with.");
        }

        for (var i = 0; i < audience.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(audience[i]))
            {
                problems.Error(code, $"$.audience[{i.ToString(CultureInfo.InvariantCulture)}]", "An audience entry is empty.");
            }
        }

        for (var i = 0; i < recipients.Count; i++)
        {
            if (!PartyId.TryParse(recipients[i], out _))
            {
                problems.Error(code, $"$.recipients[{i.ToString(CultureInfo.InvariantCulture)}]", $"'{recipients[i]}' is not a partner id.");
            }
        }
    }
}
