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

        ShapeRules.Check(hazard.Geometry, ProblemCodes.HazardGeometryInvalid, "$.geometry", "A hazard needs a geometry: a Point, a LineString or a Polygon.", problems);
        if (!Jurisdiction.TryParse(hazard.Jurisdiction, out _))
        {
            problems.Error(ProblemCodes.HazardJurisdictionInvalid, "$.jurisdiction", $"'{hazard.Jurisdiction}' is not a six-digit GB/T 2260 administrative division code.");
        }

        ShapeRules.CheckAudience(hazard.Scope, hazard.Audience, hazard.Recipients, ProblemCodes.HazardAudienceInvalid, "hazard", "its operators' roles (or partner:<id>): they see it and get its warnings", problems);
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
}
