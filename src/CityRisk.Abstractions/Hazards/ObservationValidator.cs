using CityRisk.Problems;

namespace CityRisk.Hazards;

/// <summary>
/// Checks an observation, alone and against its hazard: what a hub refuses row by row in a batch (docs/hazards.md),
/// with stable codes (docs/errors.md) and JSON paths.
/// </summary>
public static class ObservationValidator
{
    /// <summary>How far ahead of the receiver's clock an observed-at may be before it is refused: 5 minutes.</summary>
    public static TimeSpan DefaultClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Every problem of an observation; empty when it is valid.</summary>
    /// <param name="observation">The observation.</param>
    /// <param name="hazard">Its hazard, to check the indicator and the unit; null to check the observation alone.</param>
    /// <param name="now">The receiver's clock, to refuse readings from the future; null to skip that check.</param>
    /// <param name="clockSkew">How far ahead of <paramref name="now"/> is tolerated; <see cref="DefaultClockSkew"/> by default.</param>
    public static IReadOnlyList<Problem> Validate(Observation observation, Hazard? hazard = null, DateTimeOffset? now = null, TimeSpan? clockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var problems = new ProblemCollector();
        if (!EntityKeys.IsValidId(observation.HazardId))
        {
            problems.Error(ProblemCodes.ObservationKeyInvalid, "$.hazardId", $"'{observation.HazardId}' is not a hazard id.");
        }

        if (!PartyId.TryParse(observation.HazardOwner, out _))
        {
            problems.Error(ProblemCodes.ObservationKeyInvalid, "$.hazardOwner", $"'{observation.HazardOwner}' is not a partner id.");
        }

        if (string.IsNullOrWhiteSpace(observation.IndicatorId))
        {
            problems.Error(ProblemCodes.ObservationKeyInvalid, "$.indicatorId", "An observation names its indicator.");
        }

        if (!double.IsFinite(observation.Value))
        {
            problems.Error(ProblemCodes.ObservationValueInvalid, "$.value", $"{observation.Value} is not a finite number.");
        }

        if (now is { } clock && observation.ObservedAt - clock > (clockSkew ?? DefaultClockSkew))
        {
            problems.Error(ProblemCodes.ObservationInFuture, "$.observedAt",
                $"Observed at {observation.ObservedAt:yyyy-MM-dd'T'HH:mm:ssK}, {(observation.ObservedAt - clock).TotalMinutes:F0} minutes after the receiver's clock ({clock:yyyy-MM-dd'T'HH:mm:ssK}); at most {(clockSkew ?? DefaultClockSkew).TotalMinutes:F0} are tolerated. Is the sensor's clock or time zone wrong?");
        }

        if (hazard is not null && !string.IsNullOrWhiteSpace(observation.IndicatorId))
        {
            Indicator? indicator = null;
            foreach (var each in hazard.Indicators)
            {
                // A loop rather than a predicate: a hub validates every row it is sent.
                if (each.Id == observation.IndicatorId)
                {
                    indicator = each;
                    break;
                }
            }

            if (indicator is null)
            {
                problems.Error(ProblemCodes.ObservationIndicatorUnknown, "$.indicatorId",
                    $"Hazard {hazard.Owner}/{hazard.Id} has no indicator '{observation.IndicatorId}' (it has: {(hazard.Indicators.Count == 0 ? "none" : string.Join(", ", hazard.Indicators.Select(i => i.Id)))}).");
            }
            else if (observation.Unit is { } unit && !string.Equals(unit, indicator.Unit, StringComparison.Ordinal))
            {
                problems.Error(ProblemCodes.ObservationUnitMismatch, "$.unit", $"The value is in '{unit}'; indicator '{indicator.Id}' is measured in '{indicator.Unit}'. Convert before sending.");
            }
        }

        return problems.Problems;
    }
}
