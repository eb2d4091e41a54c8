using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Geo;

namespace CityRisk.Hazards;

/// <summary>
/// The CAP warning a hub publishes when a hazard's status changes (docs/hazards.md, "Warnings"): one thread per
/// hazard, an Alert when it rises from normal, an Update referencing the previous warning when it changes, a Cancel
/// when it returns to normal. Pure and deterministic, so the hub, a partner's gateway and the conformance kit build
/// the same document from the same change.
/// </summary>
public static class HazardWarnings
{
    /// <summary>The radius given to a point hazard's area: 100 m.</summary>
    public const double PointRadiusKm = 0.1;

    /// <summary>How far, in degrees (about 50 m), a line hazard's box is widened to make its area polygon.</summary>
    public const double LinePadding = 0.0005;

    /// <summary>The identifier of a hazard's <paramref name="sequence"/>-th warning: <c>cityrisk-hazard.OWNER.ID.N</c>.</summary>
    /// <param name="hazardOwner">The hazard's owner.</param>
    /// <param name="hazardId">The hazard's id.</param>
    /// <param name="sequence">1 for the first warning the hazard ever had, then 2, 3 ...</param>
    /// <returns>The CAP identifier.</returns>
    public static string IdentifierOf(string hazardOwner, string hazardId, long sequence) =>
        FormattableString.Invariant($"cityrisk-hazard.{hazardOwner}.{hazardId}.{sequence}");

    /// <summary>
    /// Who may see a hazard's warnings when the hazard is Restricted: its owner (<c>partner:OWNER</c>) and the
    /// hazard's audience, as envelope restriction roles.
    /// </summary>
    /// <param name="hazard">The hazard.</param>
    /// <returns>The restriction roles, the owner first.</returns>
    public static IReadOnlyList<string> RestrictionRolesOf(Hazard hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return [.. new[] { $"partner:{hazard.Owner}" }.Concat(hazard.Audience).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The value of a <see cref="CityRiskParameters.Observation"/> parameter naming an observation.</summary>
    /// <param name="hazardOwner">The hazard's owner.</param>
    /// <param name="hazardId">The hazard's id.</param>
    /// <param name="indicatorId">The indicator's id.</param>
    /// <param name="observedAt">When it was observed.</param>
    /// <returns><c>owner/hazard/indicator/observed-at</c>.</returns>
    public static string ObservationReference(string hazardOwner, string hazardId, string indicatorId, DateTimeOffset observedAt) =>
        $"{hazardOwner}/{hazardId}/{indicatorId}/{Rfc3339(observedAt)}";

    /// <summary>RFC 3339 with the fraction of a second only when there is one, and the original offset.</summary>
    private static string Rfc3339(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Builds the warning for a change of a hazard's status.</summary>
    /// <param name="hazard">The hazard (the revision that was evaluated).</param>
    /// <param name="change">The change, with the reading that caused it.</param>
    /// <param name="cause">The observation that caused it (its sensor and quality are reported).</param>
    /// <param name="capSender">The CAP sender the hub publishes as.</param>
    /// <param name="sent">When the hub sends it; truncated to whole seconds, as CAP requires.</param>
    /// <param name="sequence">The warning's number in the hazard's thread (1 for the first ever).</param>
    /// <param name="previous">The warning this one follows (required for an Update or a Cancel).</param>
    /// <returns>The alert, valid CAP 1.2.</returns>
    /// <exception cref="ArgumentException">An Update or Cancel without <paramref name="previous"/>.</exception>
    public static Alert Compose(Hazard hazard, HazardStatusChange change, Observation cause, string capSender, DateTimeOffset sent, long sequence, AlertReference? previous)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentException.ThrowIfNullOrWhiteSpace(capSender);
        if (change.Action != HazardAlertAction.Alert && previous is null)
        {
            throw new ArgumentException($"An {change.Action} refers to the warning it follows.", nameof(previous));
        }

        var language = hazard.Name.Entries.Count > 0 ? hazard.Name.Entries[0].Key : "zh-CN";
        var name = hazard.Name.Get(language);
        var indicator = hazard.Indicators.FirstOrDefault(i => i.Id == change.Cause.IndicatorId);
        var unit = indicator?.Unit ?? cause.Unit ?? string.Empty;
        var reading = FormattableString.Invariant($"{change.Cause.Reading.Value} {unit}").TrimEnd();
        var level = change.Current;
        var suspect = cause.Quality == ObservationQuality.Suspect;
        var what = indicator?.Name is { Length: > 0 } indicatorName ? $"{indicatorName} ({change.Cause.IndicatorId})" : change.Cause.IndicatorId;
        var why = change.Cause.Current is { } raised && (change.Cause.Previous is null || raised > change.Cause.Previous)
            ? FormattableString.Invariant($"reached the {raised} threshold {indicator?.Thresholds.Of(raised)} {unit}").TrimEnd()
            : FormattableString.Invariant($"stayed clear of the {change.Cause.Previous} release value for the minimum duration ({indicator?.MinimumDuration.TotalMinutes ?? 0} min)");
        var description = FormattableString.Invariant($"{what} read {reading} at {Rfc3339(cause.ObservedAt)}{(cause.SensorId is null ? string.Empty : $" (sensor {cause.SensorId})")} and {why}. ") +
            FormattableString.Invariant($"Hazard status: {change.Previous?.ToString() ?? "Normal"} -> {level?.ToString() ?? "Normal"}.{(suspect ? " The reading was flagged Suspect by its sender." : string.Empty)}");

        var info = new AlertInfo
        {
            Language = language,
            Categories = [CategoryOf(hazard.Domain)],
            Event = $"{name} monitoring warning",
            ResponseTypes = [level is null ? AlertResponseType.AllClear : level >= WarningLevel.Orange ? AlertResponseType.Prepare : AlertResponseType.Monitor],
            Urgency = level is null ? AlertUrgency.Past : AlertUrgency.Immediate,
            Severity = level switch
            {
                WarningLevel.Red => AlertSeverity.Extreme,
                WarningLevel.Orange => AlertSeverity.Severe,
                WarningLevel.Yellow => AlertSeverity.Moderate,
                _ => AlertSeverity.Minor,
            },
            Certainty = suspect ? AlertCertainty.Likely : AlertCertainty.Observed,
            Headline = level is null ? $"{name}: back to normal" : $"{name}: {level} ({what} {reading})",
            Description = description,
            Parameters = [new NamedValue(CityRiskParameters.Observation, ObservationReference(cause.HazardOwner, cause.HazardId, cause.IndicatorId, cause.ObservedAt))],
            Level = level,
            Domain = hazard.Domain,
            Hazards = [hazard.Id],
            Areas = [AreaOf(hazard, name)],
        };

        var scope = hazard.Scope switch
        {
            DocumentScope.Public => AlertScope.Public,
            DocumentScope.Private => AlertScope.Private,
            _ => AlertScope.Restricted,
        };
        return new Alert
        {
            Identifier = IdentifierOf(hazard.Owner, hazard.Id, sequence),
            Sender = capSender,
            Sent = new DateTimeOffset(sent.Ticks - (sent.Ticks % TimeSpan.TicksPerSecond), sent.Offset),
            Status = AlertStatus.Actual,
            MessageType = change.Action switch
            {
                HazardAlertAction.Alert => AlertMessageType.Alert,
                HazardAlertAction.Update => AlertMessageType.Update,
                _ => AlertMessageType.Cancel,
            },
            Scope = scope,
            Restriction = scope == AlertScope.Restricted ? $"Operators of {hazard.Owner}/{hazard.Id}: {string.Join(", ", RestrictionRolesOf(hazard))}" : null,
            Addresses = scope == AlertScope.Private ? [.. new[] { hazard.Owner }.Concat(hazard.Recipients).Distinct(StringComparer.Ordinal)] : null,
            References = previous is null ? null : [previous],
            Info = [info],
        };
    }

    private static AlertCategory CategoryOf(RiskDomain domain) => domain switch
    {
        RiskDomain.Lifeline => AlertCategory.Infra,
        RiskDomain.NaturalDisaster => AlertCategory.Geo,
        _ => AlertCategory.Safety,
    };

    /// <summary>The hazard's geometry as a CAP area: a point as a 100 m circle, a line as its box widened by about 50 m, a polygon as its outer ring; with its GB/T 2260 geocode.</summary>
    private static Area AreaOf(Hazard hazard, string name)
    {
        var geocodes = new[] { new NamedValue("GB/T 2260", hazard.Jurisdiction) };
        switch (hazard.Geometry)
        {
            case PointGeometry point:
                return new Area { Description = name, Circles = [new GeoCircle(point.Coordinates, PointRadiusKm)], Geocodes = geocodes };
            case PolygonGeometry polygon when polygon.Polygon.Rings.Count > 0:
                return new Area { Description = name, Polygons = [GeoPolygon.FromRing(polygon.Polygon.Rings[0])], Geocodes = geocodes };
            default:
                var positions = hazard.Geometry.Positions.ToList();
                if (positions.Count == 0)
                {
                    return new Area { Description = name, Geocodes = geocodes };
                }

                double west = positions.Min(p => p.Longitude) - LinePadding, east = positions.Max(p => p.Longitude) + LinePadding;
                double south = positions.Min(p => p.Latitude) - LinePadding, north = positions.Max(p => p.Latitude) + LinePadding;
                return new Area
                {
                    Description = name,
                    Polygons = [GeoPolygon.FromRing(new GeoPoint(west, south), new GeoPoint(east, south), new GeoPoint(east, north), new GeoPoint(west, north), new GeoPoint(west, south))],
                    Geocodes = geocodes,
                };
        }
    }
}
