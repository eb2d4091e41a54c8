using System.Globalization;
using CityRisk.Hazards;
using CityRisk.Problems;
using WireObservation = CityRisk.Protocol.V1.Observation;
using WireQuality = CityRisk.Protocol.V1.ObservationQuality;

namespace CityRisk.Protocol;

/// <summary>
/// Observations on the wire (<c>cityrisk.v1.Observation</c>) and as the contract's <see cref="Observation"/>: one
/// conversion for clients and hubs, so both read <c>observed_at</c> and the quality the same way.
/// </summary>
public static class ObservationMessages
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>An observation's wire form.</summary>
    /// <param name="observation">The observation.</param>
    /// <returns>The message.</returns>
    public static WireObservation ToWire(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new WireObservation
        {
            HazardOwner = observation.HazardOwner,
            HazardId = observation.HazardId,
            IndicatorId = observation.IndicatorId,
            ObservedAt = FormatTime(observation.ObservedAt),
            Value = observation.Value,
            Unit = observation.Unit ?? string.Empty,
            Quality = (WireQuality)(int)observation.Quality,
            SensorId = observation.SensorId ?? string.Empty,
        };
    }

    /// <summary>
    /// Reads an observation's wire form: its observed-at (RFC 3339 with an offset) and quality, with a problem for
    /// each that cannot be read (paths are the .proto field names). The rest is checked by <see cref="ObservationValidator"/>.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="observation">The observation, when it could be read.</param>
    /// <param name="problems">What could not be read; empty when <paramref name="observation"/> is set.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryFromWire(WireObservation message, out Observation? observation, out IReadOnlyList<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(message);
        var found = new List<Problem>();
        if (!TryParseTime(message.ObservedAt, out var observedAt))
        {
            found.Add(Problem.Error(ProblemCodes.ObservationTimeInvalid, "observed_at",
                $"'{message.ObservedAt}' is not an RFC 3339 date-time with an offset, such as 2026-11-23T14:05:12+08:00."));
        }

        if (!Enum.IsDefined(message.Quality))
        {
            found.Add(Problem.Error(ProblemCodes.ObservationQualityUnknown, "quality", $"Quality {(int)message.Quality} is not defined; use 0 (good), 1 (suspect) or 2 (bad)."));
        }

        problems = found;
        observation = found.Count > 0 ? null : new Observation
        {
            HazardOwner = message.HazardOwner,
            HazardId = message.HazardId,
            IndicatorId = message.IndicatorId,
            ObservedAt = observedAt,
            Value = message.Value,
            Unit = message.Unit.Length == 0 ? null : message.Unit,
            Quality = (ObservationQuality)(int)message.Quality,
            SensorId = message.SensorId.Length == 0 ? null : message.SensorId,
        };
        return observation is not null;
    }

    /// <summary>RFC 3339 with the original offset, and a fraction of a second only when there is one.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The text.</returns>
    public static string FormatTime(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 3339 date-time that has an offset (or <c>Z</c>), keeping the offset.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant.</param>
    /// <returns>Whether it could be read.</returns>
    public static bool TryParseTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>A validator's JSON path (<c>$.hazardId</c>) as the wire field's name (<c>hazard_id</c>).</summary>
    /// <param name="jsonPath">The JSON path.</param>
    /// <returns>The .proto field name.</returns>
    public static string WireFieldOf(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
