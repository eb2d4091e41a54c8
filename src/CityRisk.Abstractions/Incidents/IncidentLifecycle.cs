namespace CityRisk.Incidents;

/// <summary>
/// The closed loop every incident follows (docs/incidents.md, "Life cycle"): which state may follow which, and who
/// may take each step. The hub enforces it (FAILED_PRECONDITION for a step the state does not allow,
/// PERMISSION_DENIED for a partner who may not take it); a partner's system can check a step before sending it.
/// </summary>
/// <remarks>
/// Reported → Verified → Dispatched → Handling → Resolved → Closed; Rejected and Merged from Reported or Verified;
/// reopening is Resolved → Handling. A revision that keeps the state (a new note, casualties, a corrected
/// description) is allowed until the incident is final. Closed, Rejected and Merged are final.
/// </remarks>
public static class IncidentLifecycle
{
    private const IncidentActors ReporterOrJurisdiction = IncidentActors.Reporter | IncidentActors.Jurisdiction;
    private const IncidentActors Anyone = IncidentActors.Reporter | IncidentActors.Assignee | IncidentActors.Jurisdiction;

    private static readonly Dictionary<(IncidentState From, IncidentState To), IncidentActors> Steps = new()
    {
        [(IncidentState.Reported, IncidentState.Verified)] = IncidentActors.Jurisdiction,
        [(IncidentState.Reported, IncidentState.Rejected)] = IncidentActors.Jurisdiction,
        [(IncidentState.Reported, IncidentState.Merged)] = IncidentActors.Jurisdiction,
        [(IncidentState.Verified, IncidentState.Dispatched)] = IncidentActors.Jurisdiction,
        [(IncidentState.Verified, IncidentState.Rejected)] = IncidentActors.Jurisdiction,
        [(IncidentState.Verified, IncidentState.Merged)] = IncidentActors.Jurisdiction,
        [(IncidentState.Dispatched, IncidentState.Handling)] = IncidentActors.Assignee,
        [(IncidentState.Handling, IncidentState.Resolved)] = IncidentActors.Assignee,
        [(IncidentState.Resolved, IncidentState.Closed)] = ReporterOrJurisdiction,
        [(IncidentState.Resolved, IncidentState.Handling)] = ReporterOrJurisdiction,
    };

    /// <summary>Whether a state is final: nothing may follow it.</summary>
    /// <param name="state">The state.</param>
    public static bool IsFinal(IncidentState state) => state is IncidentState.Closed or IncidentState.Rejected or IncidentState.Merged;

    /// <summary>The states a revision may have after one in <paramref name="state"/>: the same state (an update) unless final, then the steps, in the order of the loop.</summary>
    /// <param name="state">The previous revision's state.</param>
    public static IReadOnlyList<IncidentState> AllowedAfter(IncidentState state) =>
        IsFinal(state) ? [] : [state, .. Steps.Keys.Where(k => k.From == state).Select(k => k.To)];

    /// <summary>Who may publish a revision in <paramref name="to"/> after one in <paramref name="from"/>; <see cref="IncidentActors.None"/> when the step is not allowed at all.</summary>
    /// <param name="from">The previous revision's state.</param>
    /// <param name="to">The new revision's state.</param>
    public static IncidentActors WhoMay(IncidentState from, IncidentState to) =>
        from == to ? (IsFinal(from) ? IncidentActors.None : Anyone) : Steps.GetValueOrDefault((from, to));

    /// <summary>
    /// What a partner is to an incident, given its previous revision: its reporter, its assignee, and (when
    /// <paramref name="isResponsibleFor"/> says it is responsible for the incident's jurisdiction) its jurisdiction.
    /// </summary>
    /// <param name="previous">The previous revision.</param>
    /// <param name="partner">The partner's id.</param>
    /// <param name="isResponsibleFor">Whether the partner is registered as responsible for a GB/T 2260 code (the hub's partners file says).</param>
    public static IncidentActors ActorsOf(Incident previous, string partner, Func<string, bool> isResponsibleFor)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(isResponsibleFor);
        var actors = IncidentActors.None;
        if (previous.Owner == partner)
        {
            actors |= IncidentActors.Reporter;
        }

        if (previous.AssignedTo == partner)
        {
            actors |= IncidentActors.Assignee;
        }

        if (isResponsibleFor(previous.Jurisdiction))
        {
            actors |= IncidentActors.Jurisdiction;
        }

        return actors;
    }

    /// <summary>
    /// Why <paramref name="actors"/> may not take the step from <paramref name="previous"/> to <paramref name="next"/>,
    /// or null when they may. Only the jurisdiction assigns: a revision that changes <see cref="Incident.AssignedTo"/>
    /// needs it, whatever the step.
    /// </summary>
    /// <param name="previous">The previous revision.</param>
    /// <param name="next">The new revision.</param>
    /// <param name="actors">What its publisher is to the incident (<see cref="ActorsOf"/>).</param>
    public static string? Refusal(Incident previous, Incident next, IncidentActors actors)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var needed = WhoMay(previous.State, next.State);
        if ((needed & actors) == IncidentActors.None)
        {
            return $"{previous.State} → {next.State} may be taken by {Describe(needed)}; '{next.UpdatedBy}' is {Describe(actors, none: "none of them")}.";
        }

        if (next.AssignedTo != previous.AssignedTo && (actors & IncidentActors.Jurisdiction) == IncidentActors.None)
        {
            return $"Only the incident's jurisdiction assigns it; '{next.UpdatedBy}' may not change the assignee from '{previous.AssignedTo ?? "nobody"}' to '{next.AssignedTo ?? "nobody"}'.";
        }

        return null;
    }

    /// <summary>
    /// The next revision of an incident: the same incident in <paramref name="to"/>, one revision on, taken by
    /// <paramref name="by"/> at <paramref name="at"/> with <paramref name="note"/>. <paramref name="assignTo"/>
    /// names a new assignee (a dispatch); otherwise the assignee stays, and <paramref name="mergedInto"/> names the
    /// incident a Merged one duplicates. It does not check the step: <see cref="WhoMay"/> and the hub do.
    /// </summary>
    /// <param name="previous">The current revision.</param>
    /// <param name="to">The new state (the same state for an update).</param>
    /// <param name="by">The partner taking the step.</param>
    /// <param name="at">When it is taken.</param>
    /// <param name="note">Why, or what was done; optional.</param>
    /// <param name="assignTo">The partner dispatched; null to keep the assignee.</param>
    /// <param name="mergedInto">For Merged, the incident it duplicates.</param>
    /// <returns>The next revision.</returns>
    public static Incident Step(Incident previous, IncidentState to, string by, DateTimeOffset at, string? note = null, string? assignTo = null, IncidentKey? mergedInto = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return previous with
        {
            Revision = previous.Revision + 1,
            State = to,
            UpdatedBy = by,
            UpdatedAt = at,
            Note = note,
            AssignedTo = assignTo ?? previous.AssignedTo,
            MergedInto = to == IncidentState.Merged ? mergedInto : null,
        };
    }

    /// <summary>Names a set of actors in words (<c>the reporter or the jurisdiction</c>).</summary>
    /// <param name="actors">The actors.</param>
    /// <param name="none">What to say for none.</param>
    public static string Describe(IncidentActors actors, string none = "nobody")
    {
        var names = new List<string>(3);
        if ((actors & IncidentActors.Reporter) != 0)
        {
            names.Add("the reporter");
        }

        if ((actors & IncidentActors.Assignee) != 0)
        {
            names.Add("the assignee");
        }

        if ((actors & IncidentActors.Jurisdiction) != 0)
        {
            names.Add("the jurisdiction");
        }

        return names.Count == 0 ? none : string.Join(" or ", names);
    }
}
