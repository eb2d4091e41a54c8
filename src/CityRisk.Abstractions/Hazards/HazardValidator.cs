using System.Globalization;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Hazards;

/// <summary>
/// Checks a hazard against the rules of docs/hazards.md that its JSON Schema cannot state, with stable codes
/// (docs/errors.md) and JSON paths (<c>$.indicators[1].thresholds</c>). Every problem is reported, not only the first.
/// </summary>
public static class HazardValidator
{
    /// <summary>Every problem of a hazard; empty when it is valid.</summary>
    /// <param name="hazard">The hazard.</param>
    public static IReadOnlyList<Problem> Validate(Hazard hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        var problems = new ProblemCollector();
        if (!EntityKeys.IsValidId(hazard.Id))
        {
            problems.Error(ProblemCodes.HazardKeyInvalid, "$.id", $"'{hazard.Id}' is not an entity id: 1 to {EntityKeys.MaxIdLength} characters, letters, digits and . _ - :");
        }

        if (!PartyId.TryParse(hazard.Owner, out _))
        {
            problems.Error(ProblemCodes.HazardKeyInvalid, "$.owner", $"'{hazard.Owner}' is not a partner id.");
        }

        if (hazard.Revision < 1)
        {
            problems.Error(ProblemCodes.HazardRevisionInvalid, "$.revision", $"The revision is {hazard.Revision}; the first is 1.");
        }

        if (hazard.Name is null || hazard.Name.Entries.Count == 0 || hazard.Name.Entries.All(e => string.IsNullOrWhiteSpace(e.Value)))
        {
            problems.Error(ProblemCodes.HazardNameMissing, "$.name", "A hazard needs a name in at least one language.");
        }

        if (!HazardTypes.IsValid(hazard.Type))
        {
            problems.Error(ProblemCodes.HazardTypeUnknown, "$.type", $"'{hazard.Type}' is not a hazard type: use one of {string.Join(", ", HazardTypes.All)}, or your own namespace:code.");
        }

        ValidateGeometry(hazard.Geometry, problems);
        if (!Jurisdiction.TryParse(hazard.Jurisdiction, out _))
        {
            problems.Error(ProblemCodes.HazardJurisdictionInvalid, "$.jurisdiction", $"'{hazard.Jurisdiction}' is not a six-digit GB/T 2260 administrative division code.");
        }

        ValidateAudience(hazard, problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < hazard.Indicators.Count; i++)
        {
            var indicator = hazard.Indicators[i];
            var path = $"$.indicators[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (string.IsNullOrWhiteSpace(indicator.Id) || !ids.Add(indicator.Id))
            {
                problems.Error(ProblemCodes.HazardIndicatorIdInvalid, path + ".id", string.IsNullOrWhiteSpace(indicator.Id) ? "An indicator needs an id." : $"Another indicator already has the id '{indicator.Id}'.");
            }

            if (string.IsNullOrEmpty(indicator.Unit) || indicator.Unit.Any(char.IsWhiteSpace))
            {
                problems.Error(ProblemCodes.HazardIndicatorUnitInvalid, path + ".unit", $"'{indicator.Unit}' is not a UCUM unit code such as um/m, kPa, m or [ppm].");
            }

            if (IndicatorEvaluator.RuleProblem(indicator) is { } rule)
            {
                problems.Error(ProblemCodes.HazardIndicatorRuleInvalid, path, $"The indicator's rules cannot be evaluated: {rule}");
            }
        }

        return problems.Problems;
    }

    private static void ValidateGeometry(GeoGeometry? geometry, ProblemCollector problems)
    {
        switch (geometry)
        {
            case null:
                problems.Error(ProblemCodes.HazardGeometryInvalid, "$.geometry", "A hazard needs a geometry: a Point, a LineString or a Polygon.");
                return;
            case LineGeometry { Coordinates.Count: < 2 }:
                problems.Error(ProblemCodes.HazardGeometryInvalid, "$.geometry.coordinates", "A LineString needs at least two positions.");
                break;
            case PolygonGeometry polygon:
                for (var r = 0; r < polygon.Polygon.Rings.Count; r++)
                {
                    var ring = polygon.Polygon.Rings[r];
                    if (ring.Count < 4 || ring[0] != ring[^1])
                    {
                        problems.Error(ProblemCodes.HazardGeometryInvalid, $"$.geometry.coordinates[{r.ToString(CultureInfo.InvariantCulture)}]", "A polygon ring needs at least four positions, the last equal to the first.");
                    }
                }

                if (polygon.Polygon.Rings.Count == 0)
                {
                    problems.Error(ProblemCodes.HazardGeometryInvalid, "$.geometry.coordinates", "A Polygon needs its outer ring.");
                }

                break;
        }

        if (geometry.Positions.FirstOrDefault(p => !p.IsInRange) is { } outside && !outside.IsInRange)
        {
            problems.Error(ProblemCodes.HazardGeometryInvalid, "$.geometry.coordinates", $"The position {outside} is outside WGS 84's range (longitude -180 to 180, latitude -90 to 90; GeoJSON puts longitude first).");
        }
    }

    private static void ValidateAudience(Hazard hazard, ProblemCollector problems)
    {
        if (hazard.Scope == DocumentScope.Restricted && hazard.Audience.Count == 0)
        {
            problems.Error(ProblemCodes.HazardAudienceInvalid, "$.audience", "A Restricted hazard names its operators' roles (or partner:<id>): they see it and get its warnings.");
        }

        if (hazard.Scope == DocumentScope.Private && hazard.Recipients.Count == 0)
        {
            problems.Error(ProblemCodes.HazardAudienceInvalid, "$.recipients", "A Private hazard names the partners it is shared with.");
        }

        for (var i = 0; i < hazard.Audience.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(hazard.Audience[i]))
            {
                problems.Error(ProblemCodes.HazardAudienceInvalid, $"$.audience[{i.ToString(CultureInfo.InvariantCulture)}]", "An audience entry is empty.");
            }
        }

        for (var i = 0; i < hazard.Recipients.Count; i++)
        {
            if (!PartyId.TryParse(hazard.Recipients[i], out _))
            {
                problems.Error(ProblemCodes.HazardAudienceInvalid, $"$.recipients[{i.ToString(CultureInfo.InvariantCulture)}]", $"'{hazard.Recipients[i]}' is not a partner id.");
            }
        }
    }
}
