using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Problems;

namespace CityRisk.Client;

/// <summary>Builds the SDK's result types, whose constructors are not public, for tests that mock the clients.</summary>
public static class CityRiskModelFactory
{
    /// <summary>A publish result.</summary>
    /// <param name="sender">The publishing partner's id.</param>
    /// <param name="id">The message id.</param>
    /// <param name="cursor">The cursor.</param>
    /// <param name="duplicate">Whether the hub already had it.</param>
    /// <param name="warnings">The hub's warnings about the accepted message.</param>
    /// <returns>The result.</returns>
    public static PublishResult PublishResult(string sender, string id, long cursor, bool duplicate = false, IReadOnlyList<Problem>? warnings = null) => new(sender, id, cursor, duplicate, warnings);

    /// <summary>An alert as a hub holds it.</summary>
    /// <param name="cursor">Its cursor.</param>
    /// <param name="sender">The publishing partner's id.</param>
    /// <param name="alert">The alert.</param>
    /// <param name="format">The format it was published in.</param>
    /// <param name="restrictionRoles">For a Restricted alert, its audience.</param>
    /// <param name="recipients">For a Private alert, its recipients.</param>
    public static AlertMessage AlertMessage(long cursor, string sender, Alert alert, DocumentFormat format = DocumentFormat.CityRiskJson, IReadOnlyList<string>? restrictionRoles = null, IReadOnlyList<string>? recipients = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertMessage(cursor, sender, alert, format, restrictionRoles ?? [], recipients ?? []);
    }

    /// <summary>A hazard's revision as a hub holds it.</summary>
    /// <param name="cursor">Its cursor.</param>
    /// <param name="hazard">The hazard.</param>
    /// <param name="restrictionRoles">For a Restricted hazard, its audience.</param>
    /// <param name="recipients">For a Private hazard, its recipients.</param>
    public static HazardMessage HazardMessage(long cursor, Hazard hazard, IReadOnlyList<string>? restrictionRoles = null, IReadOnlyList<string>? recipients = null)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return new HazardMessage(cursor, hazard, restrictionRoles ?? [], recipients ?? []);
    }

    /// <summary>An incident's revision as a hub holds it.</summary>
    /// <param name="cursor">Its cursor.</param>
    /// <param name="incident">The incident.</param>
    /// <param name="restrictionRoles">For a Restricted incident, its audience.</param>
    /// <param name="recipients">For a Private incident, its recipients.</param>
    public static Incidents.IncidentMessage IncidentMessage(long cursor, Incidents.Incident incident, IReadOnlyList<string>? restrictionRoles = null, IReadOnlyList<string>? recipients = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new Incidents.IncidentMessage(cursor, incident, restrictionRoles ?? [], recipients ?? []);
    }

    /// <summary>A hazard's status as a hub reports it.</summary>
    /// <param name="owner">The hazard's owner.</param>
    /// <param name="id">The hazard's id.</param>
    /// <param name="revision">The revision evaluated.</param>
    /// <param name="level">The status; null for normal.</param>
    /// <param name="indicators">Each indicator's status.</param>
    /// <param name="warningSender">The publisher of the warning in force, or null.</param>
    /// <param name="warningId">The warning in force, or null.</param>
    /// <param name="changedAt">When the status last changed, or null.</param>
    public static HazardStatusReport HazardStatusReport(string owner, string id, long revision, WarningLevel? level, IReadOnlyList<IndicatorStatusReport>? indicators = null,
        string? warningSender = null, string? warningId = null, DateTimeOffset? changedAt = null) =>
        new(owner, id, revision, level, indicators ?? [], warningSender, warningId, changedAt);

    /// <summary>What a hub did with one observation: recorded (or a duplicate), or refused with a status and problems.</summary>
    /// <param name="index">Its position.</param>
    /// <param name="observation">The observation.</param>
    /// <param name="duplicate">For a recorded one, whether the hub already had it.</param>
    /// <param name="refusal">The status it was refused with; null when recorded.</param>
    /// <param name="message">The refusal's message.</param>
    /// <param name="problems">The refusal's problems.</param>
    public static ObservationOutcome ObservationOutcome(int index, Observation observation, bool duplicate = false, Grpc.Core.StatusCode? refusal = null, string? message = null, IReadOnlyList<Problem>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new ObservationOutcome(index, observation, refusal is null, refusal is null && duplicate, refusal, message, problems ?? []);
    }

    /// <summary>A pageable that returns the given pages, in order, for mocking query results.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages.</param>
    public static CityRiskPageable<T> Pageable<T>(IEnumerable<CityRiskPage<T>> pages)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pages);
        var list = pages.ToList();
        return new FunctionPageable<T>((token, _, _) =>
        {
            var index = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            if (index >= list.Count)
            {
                return Task.FromResult(new CityRiskPage<T>([], null));
            }

            var next = index + 1 < list.Count ? (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new CityRiskPage<T>(list[index].Values, next));
        }, default);
    }
}
