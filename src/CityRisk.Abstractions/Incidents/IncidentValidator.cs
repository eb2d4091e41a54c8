using System.Globalization;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Incidents;

/// <summary>
/// Checks an incident revision against the rules of docs/incidents.md that its JSON Schema cannot state, with stable
/// codes (docs/errors.md) and JSON paths. Every problem is reported, not only the first. What depends on the revision
/// before (the life cycle, who may take a step) is checked by <see cref="IncidentLifecycle"/> and
/// <see cref="StepProblems"/>.
/// </summary>
public static class IncidentValidator
{
    /// <summary>The kinds an incident links to.</summary>
    public static IReadOnlyList<string> LinkKinds { get; } = [DocumentKinds.Alert, DocumentKinds.Hazard, DocumentKinds.ResourceRequest, DocumentKinds.Incident];

    /// <summary>The states in which an incident has an assignee.</summary>
    private static readonly IncidentState[] Assigned = [IncidentState.Dispatched, IncidentState.Handling, IncidentState.Resolved, IncidentState.Closed];

    /// <summary>Every problem of an incident revision on its own; empty when it is valid.</summary>
    /// <param name="incident">The incident.</param>
    public static IReadOnlyList<Problem> Validate(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var problems = new ProblemCollector();
        if (!EntityKeys.IsValidId(incident.Id))
        {
            problems.Error(ProblemCodes.IncidentKeyInvalid, "$.id", $"'{incident.Id}' is not an entity id: 1 to {EntityKeys.MaxIdLength} characters, letters, digits and . _ - :");
        }

        if (!PartyId.TryParse(incident.Owner, out _))
        {
            problems.Error(ProblemCodes.IncidentKeyInvalid, "$.owner", $"'{incident.Owner}' is not a partner id.");
        }

        if (incident.Revision < 1)
        {
            problems.Error(ProblemCodes.IncidentRevisionInvalid, "$.revision", $"The revision is {incident.Revision}; the first is 1.");
        }

        if (!IncidentTypes.IsValid(incident.Type))
        {
            problems.Error(ProblemCodes.IncidentTypeUnknown, "$.type", IncidentTypes.CategoryOf(incident.Type) is null
                ? $"'{incident.Type}' does not start with one of the four categories ({string.Join(", ", IncidentTypes.Categories)}) and a '/'."
                : $"'{incident.Type}' is not in the code list (docs/incidents.md); a sub-type of your own is <category>/<namespace>:<code>.");
        }

        if (incident.Title is null || incident.Title.Entries.Count == 0 || incident.Title.Entries.All(e => string.IsNullOrWhiteSpace(e.Value)))
        {
            problems.Error(ProblemCodes.IncidentTitleMissing, "$.title", "An incident needs a title in at least one language.");
        }

        if (incident.Location is LineGeometry)
        {
            problems.Error(ProblemCodes.IncidentLocationInvalid, "$.location", "An incident's location is a Point or a Polygon.");
        }
        else
        {
            ShapeRules.Check(incident.Location, ProblemCodes.IncidentLocationInvalid, "$.location", "An incident needs a location: a Point or a Polygon.", problems);
        }

        if (!Jurisdiction.TryParse(incident.Jurisdiction, out _))
        {
            problems.Error(ProblemCodes.IncidentJurisdictionInvalid, "$.jurisdiction", $"'{incident.Jurisdiction}' is not a six-digit GB/T 2260 administrative division code.");
        }

        ValidateTimes(incident, problems);
        ValidateState(incident, problems);
        ValidateFigures(incident, problems);
        ValidateLinks(incident, problems);
        ShapeRules.CheckAudience(incident.Scope, incident.Audience, incident.Recipients, ProblemCodes.IncidentAudienceInvalid, "incident", "the roles (or partner:<id>) that may see it", problems);
        return problems.Problems;
    }

    /// <summary>
    /// The problems of a revision against the one before it: the reporter role and reported-at the report fixed may
    /// not change, and a step is never dated before the step before it. INVALID_ARGUMENT on the hub.
    /// </summary>
    /// <param name="previous">Revision n.</param>
    /// <param name="next">Revision n+1.</param>
    public static IReadOnlyList<Problem> StepProblems(Incident previous, Incident next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var problems = new ProblemCollector();
        if (next.ReporterRole != previous.ReporterRole)
        {
            problems.Error(ProblemCodes.IncidentStepInvalid, "$.reporterRole", $"The report fixed the reporter role as {previous.ReporterRole}; a later revision keeps it.");
        }

        if (next.ReportedAt != previous.ReportedAt)
        {
            problems.Error(ProblemCodes.IncidentStepInvalid, "$.reportedAt", $"The report fixed reportedAt as {Format(previous.ReportedAt)}; a later revision keeps it.");
        }

        if (next.UpdatedAt < previous.UpdatedAt)
        {
            problems.Error(ProblemCodes.IncidentStepInvalid, "$.updatedAt", $"{Format(next.UpdatedAt)} is before the previous step ({Format(previous.UpdatedAt)}); steps are dated in order.");
        }

        return problems.Problems;
    }

    private static void ValidateTimes(Incident incident, ProblemCollector problems)
    {
        if (incident.OccurredAt > incident.ReportedAt)
        {
            problems.Error(ProblemCodes.IncidentTimeInvalid, "$.occurredAt", $"It occurred at {Format(incident.OccurredAt)}, after it was reported ({Format(incident.ReportedAt)}).");
        }

        if (incident.UpdatedAt < incident.ReportedAt)
        {
            problems.Error(ProblemCodes.IncidentTimeInvalid, "$.updatedAt", $"The step is dated {Format(incident.UpdatedAt)}, before the report ({Format(incident.ReportedAt)}).");
        }
        else if (incident.Revision == 1 && incident.UpdatedAt != incident.ReportedAt)
        {
            problems.Error(ProblemCodes.IncidentTimeInvalid, "$.updatedAt", "Revision 1 is the report: its updatedAt is its reportedAt.");
        }
    }

    private static void ValidateState(Incident incident, ProblemCollector problems)
    {
        if (incident.Revision == 1 && incident.State != IncidentState.Reported)
        {
            problems.Error(ProblemCodes.IncidentStateInvalid, "$.state", $"Revision 1 is the report, so its state is Reported, not {incident.State}.");
        }

        if (incident.State == IncidentState.Merged)
        {
            if (incident.MergedInto is not { } target || !PartyId.TryParse(target.Owner, out _) || !EntityKeys.IsValidId(target.Id))
            {
                problems.Error(ProblemCodes.IncidentStateInvalid, "$.mergedInto", "A Merged incident names the incident it duplicates (owner and id).");
            }
            else if (target.Owner == incident.Owner && target.Id == incident.Id)
            {
                problems.Error(ProblemCodes.IncidentStateInvalid, "$.mergedInto", "An incident cannot be merged into itself.");
            }
        }
        else if (incident.MergedInto is not null)
        {
            problems.Error(ProblemCodes.IncidentStateInvalid, "$.mergedInto", $"Only a Merged incident names another it was merged into; this one is {incident.State}.");
        }

        if (incident.AssignedTo is { } assignee && !PartyId.TryParse(assignee, out _))
        {
            problems.Error(ProblemCodes.IncidentAssigneeInvalid, "$.assignedTo", $"'{assignee}' is not a partner id.");
        }
        else if (incident.AssignedTo is null && Assigned.Contains(incident.State))
        {
            problems.Error(ProblemCodes.IncidentAssigneeInvalid, "$.assignedTo", $"A {incident.State} incident names the partner it is assigned to.");
        }

        if (!PartyId.TryParse(incident.UpdatedBy, out _))
        {
            problems.Error(ProblemCodes.IncidentUpdatedByInvalid, "$.updatedBy", $"'{incident.UpdatedBy}' is not a partner id.");
        }
        else if (incident.Revision == 1 && incident.UpdatedBy != incident.Owner)
        {
            problems.Error(ProblemCodes.IncidentUpdatedByInvalid, "$.updatedBy", $"Revision 1 is the report, published by the owner '{incident.Owner}', not '{incident.UpdatedBy}'.");
        }
    }

    private static void ValidateFigures(Incident incident, ProblemCollector problems)
    {
        void Check(int? value, string path)
        {
            if (value < 0)
            {
                problems.Error(ProblemCodes.IncidentFigureInvalid, path, $"{value} is negative; a count is 0 or more (leave it out when not known).");
            }
        }

        Check(incident.Casualties?.Deaths, "$.casualties.deaths");
        Check(incident.Casualties?.Injured, "$.casualties.injured");
        Check(incident.Casualties?.Missing, "$.casualties.missing");
        Check(incident.Casualties?.Trapped, "$.casualties.trapped");
        Check(incident.Losses?.AffectedPeople, "$.losses.affectedPeople");
        Check(incident.Losses?.EvacuatedPeople, "$.losses.evacuatedPeople");
        Check(incident.Losses?.BuildingsDamaged, "$.losses.buildingsDamaged");
        if (incident.Losses?.DirectEconomicLoss < 0)
        {
            problems.Error(ProblemCodes.IncidentFigureInvalid, "$.losses.directEconomicLoss", "A loss is 0 or more yuan (leave it out when not known).");
        }
    }

    private static void ValidateLinks(Incident incident, ProblemCollector problems)
    {
        for (var i = 0; i < incident.Links.Count; i++)
        {
            var link = incident.Links[i];
            var path = $"$.links[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (!LinkKinds.Contains(link.Kind))
            {
                problems.Error(ProblemCodes.IncidentLinkInvalid, path + ".kind", $"'{link.Kind}' is not a kind an incident links to: {string.Join(", ", LinkKinds)}.");
            }

            if (!PartyId.TryParse(link.Partner, out _))
            {
                problems.Error(ProblemCodes.IncidentLinkInvalid, path + ".partner", $"'{link.Partner}' is not a partner id.");
            }

            if (string.IsNullOrWhiteSpace(link.Id) || link.Id.Trim().Length != link.Id.Length)
            {
                problems.Error(ProblemCodes.IncidentLinkInvalid, path + ".id", "A link names its target's id, without leading or trailing whitespace.");
            }
        }
    }

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
