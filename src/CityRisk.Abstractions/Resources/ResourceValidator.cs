using System.Globalization;
using CityRisk.Geo;
using CityRisk.Problems;

namespace CityRisk.Resources;

/// <summary>
/// Checks the pooling documents (docs/resources.md) against the rules their JSON Schemas cannot state, with stable
/// codes (docs/errors.md) and JSON paths; every problem is reported, not only the first. What depends on the revision
/// before is <see cref="StepProblems(Resource, Resource)"/> and its overloads; what depends on quantities held by
/// others (the arithmetic) is the hub's.
/// </summary>
public static class ResourceValidator
{
    /// <summary>Every problem of a resource revision; empty when it is valid.</summary>
    /// <param name="resource">The resource.</param>
    public static IReadOnlyList<Problem> Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var problems = new ProblemCollector();
        Key(resource.Id, resource.Owner, resource.Revision, problems);
        Type(resource.Type, "$.type", problems);
        Text(resource.Name, "$.name", "A resource needs a name in at least one language.", problems);
        if (resource.Quantity < 0)
        {
            problems.Error(ProblemCodes.ResourceQuantityInvalid, "$.quantity", $"{resource.Quantity} is negative; a resource has 0 or more.");
        }

        Unit(resource.Unit, "$.unit", problems);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < resource.Capabilities.Count; i++)
        {
            var capability = resource.Capabilities[i];
            var path = $"$.capabilities[{Index(i)}]";
            Capability(capability.Name, capability.Value, capability.Unit, path, "value", problems);
            if (!seen.Add(capability.Name ?? string.Empty))
            {
                problems.Error(ProblemCodes.ResourceCapabilityInvalid, path + ".name", $"'{capability.Name}' is stated twice; each capability once.");
            }
        }

        Point(resource.Home, "$.home", "A resource needs its home: a Point.", problems);
        Jurisdiction(resource.Jurisdiction, problems);
        ShapeRules.CheckAudience(resource.Scope, resource.Audience, resource.Recipients, ProblemCodes.ResourceAudienceInvalid, "resource", "the roles, groups (group:<name>) or partner:<id> that may see it", problems);
        return problems.Problems;
    }

    /// <summary>Every problem of a request revision; empty when it is valid.</summary>
    /// <param name="request">The request.</param>
    public static IReadOnlyList<Problem> Validate(ResourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new ProblemCollector();
        Key(request.Id, request.Owner, request.Revision, problems);
        Text(request.Title, "$.title", "A request needs a title in at least one language.", problems);
        if (request.Incident is { } incident && (!PartyId.TryParse(incident.Owner, out _) || !EntityKeys.IsValidId(incident.Id)))
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, "$.incident", "The incident is named by its owner (a partner id) and id (an entity id).");
        }

        if (request.Items.Count == 0)
        {
            problems.Error(ProblemCodes.ResourceItemsMissing, "$.items", "A request asks for at least one item.");
        }

        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            var path = $"$.items[{Index(i)}]";
            Type(item.Type, path + ".type", problems);
            Positive(item.Quantity, path + ".quantity", problems);
            for (var c = 0; c < item.Capabilities.Count; c++)
            {
                var need = item.Capabilities[c];
                Capability(need.Name, need.AtLeast, need.Unit, $"{path}.capabilities[{Index(c)}]", "atLeast", problems);
            }

            Point(item.DeliverTo, path + ".deliverTo", "An item says where to deliver: a Point.", problems);
            if (item.NeededUntil is { } until && until <= item.NeededBy)
            {
                problems.Error(ProblemCodes.ResourceTimeInvalid, path + ".neededUntil", $"It is needed until {Format(until)}, not after it is needed by ({Format(item.NeededBy)}).");
            }
        }

        Jurisdiction(request.Jurisdiction, problems);
        if (request.State is ResourceRequestState.PartiallyFilled or ResourceRequestState.Filled)
        {
            problems.Error(ProblemCodes.ResourceStateInvalid, "$.state", $"{request.State} follows from the commitments and is reported by the hub; a request publishes Open, Cancelled or Closed.");
        }
        else if (request.Revision == 1 && request.State != ResourceRequestState.Open)
        {
            problems.Error(ProblemCodes.ResourceStateInvalid, "$.state", $"Revision 1 opens the request, so its state is Open, not {request.State}.");
        }

        ShapeRules.CheckAudience(request.Scope, request.Audience, request.Recipients, ProblemCodes.ResourceAudienceInvalid, "request", "the mutual-aid groups (group:<name>), roles or partner:<id> asked", problems);
        return problems.Problems;
    }

    /// <summary>Every problem of an offer revision; empty when it is valid.</summary>
    /// <param name="offer">The offer.</param>
    public static IReadOnlyList<Problem> Validate(ResourceOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var problems = new ProblemCollector();
        Key(offer.Id, offer.Owner, offer.Revision, problems);
        if (offer.Revision > 2)
        {
            problems.Error(ProblemCodes.ResourceRevisionInvalid, "$.revision", $"An offer has revision 1, and 2 when it is withdrawn; not {offer.Revision}.");
        }

        if (offer.Request is { } request)
        {
            ItemReference(request, "$.request", problems);
        }

        if (!EntityKeys.IsValidId(offer.ResourceId))
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, "$.resourceId", $"'{offer.ResourceId}' is not an entity id: the id of one of the owner's resources.");
        }

        Positive(offer.Quantity, "$.quantity", problems);
        if (offer.ExpiresAt <= offer.UpdatedAt && offer.Revision == 1)
        {
            problems.Error(ProblemCodes.ResourceTimeInvalid, "$.expiresAt", $"It expires at {Format(offer.ExpiresAt)}, not after it is made ({Format(offer.UpdatedAt)}).");
        }

        if (offer.Revision == 1 && offer.State != ResourceOfferState.Open)
        {
            problems.Error(ProblemCodes.ResourceStateInvalid, "$.state", $"Revision 1 makes the offer, so its state is Open, not {offer.State}.");
        }

        ShapeRules.CheckAudience(offer.Scope, offer.Audience, offer.Recipients, ProblemCodes.ResourceAudienceInvalid, "offer", "the roles, groups (group:<name>) or partner:<id> it is made to", problems);
        return problems.Problems;
    }

    /// <summary>Every problem of a commitment; empty when it is valid.</summary>
    /// <param name="commitment">The commitment.</param>
    public static IReadOnlyList<Problem> Validate(ResourceCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        var problems = new ProblemCollector();
        Key(commitment.Id, commitment.Owner, commitment.Revision, problems);
        Single(commitment.Revision, "A commitment", problems);
        Reference(commitment.Offer, "$.offer", problems);
        ItemReference(commitment.Request, "$.request", problems);
        if (commitment.Request is { } request && request.Owner != commitment.Owner)
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, "$.request.owner", $"A partner commits to its own request: '{commitment.Owner}', not '{request.Owner}'.");
        }

        Positive(commitment.Quantity, "$.quantity", problems);
        return problems.Problems;
    }

    /// <summary>Every problem of a status report; empty when it is valid.</summary>
    /// <param name="report">The report.</param>
    public static IReadOnlyList<Problem> Validate(ResourceStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = new ProblemCollector();
        Key(report.Id, report.Owner, report.Revision, problems);
        Single(report.Revision, "A status report", problems);
        Reference(report.Commitment, "$.commitment", problems);
        if (report.Location is not null)
        {
            Point(report.Location, "$.location", string.Empty, problems);
        }

        return problems.Problems;
    }

    /// <summary>Every problem of a release; empty when it is valid.</summary>
    /// <param name="release">The release.</param>
    public static IReadOnlyList<Problem> Validate(ResourceRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var problems = new ProblemCollector();
        Key(release.Id, release.Owner, release.Revision, problems);
        Single(release.Revision, "A release", problems);
        if (!EntityKeys.IsValidId(release.CommitmentId))
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, "$.commitmentId", $"'{release.CommitmentId}' is not an entity id: the id of one of the owner's commitments.");
        }

        if (!PartyId.TryParse(release.Provider, out _))
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, "$.provider", $"'{release.Provider}' is not a partner id.");
        }

        Positive(release.Quantity, "$.quantity", problems);
        return problems.Problems;
    }

    /// <summary>The problems of a resource revision against the one before: its type and unit stay (quantities are counted in them), and it is dated in order.</summary>
    /// <param name="previous">Revision n.</param>
    /// <param name="next">Revision n+1.</param>
    public static IReadOnlyList<Problem> StepProblems(Resource previous, Resource next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var problems = new ProblemCollector();
        Keeps(previous.Type, next.Type, "$.type", "type", problems);
        Keeps(previous.Unit, next.Unit, "$.unit", "unit", problems);
        InOrder(previous.UpdatedAt, next.UpdatedAt, problems);
        return problems.Problems;
    }

    /// <summary>The problems of a request revision against the one before: its items stay in place (commitments name them by index) with their types, none removed, and it is dated in order.</summary>
    /// <param name="previous">Revision n.</param>
    /// <param name="next">Revision n+1.</param>
    public static IReadOnlyList<Problem> StepProblems(ResourceRequest previous, ResourceRequest next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var problems = new ProblemCollector();
        if (next.Items.Count < previous.Items.Count)
        {
            problems.Error(ProblemCodes.ResourceStepInvalid, "$.items", $"Revision {previous.Revision} has {previous.Items.Count} items; commitments name items by index, so a later revision keeps them (set a quantity lower instead) and may add more.");
        }

        for (var i = 0; i < Math.Min(previous.Items.Count, next.Items.Count); i++)
        {
            Keeps(previous.Items[i].Type, next.Items[i].Type, $"$.items[{Index(i)}].type", "item's type", problems);
        }

        InOrder(previous.UpdatedAt, next.UpdatedAt, problems);
        return problems.Problems;
    }

    /// <summary>The problems of an offer's withdrawal against the offer: only the state, the time and the note change.</summary>
    /// <param name="previous">Revision 1.</param>
    /// <param name="next">Revision 2.</param>
    public static IReadOnlyList<Problem> StepProblems(ResourceOffer previous, ResourceOffer next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var problems = new ProblemCollector();
        var same = previous with { Revision = next.Revision, State = next.State, UpdatedAt = next.UpdatedAt, Note = next.Note };
        if (!same.Equals(next))
        {
            problems.Error(ProblemCodes.ResourceStepInvalid, "$", "Withdrawing an offer changes its state, updatedAt and note only; a different offer is a new offer.");
        }

        InOrder(previous.UpdatedAt, next.UpdatedAt, problems);
        return problems.Problems;
    }

    private static void Key(string id, string owner, long revision, ProblemCollector problems)
    {
        if (!EntityKeys.IsValidId(id))
        {
            problems.Error(ProblemCodes.ResourceKeyInvalid, "$.id", $"'{id}' is not an entity id: 1 to {EntityKeys.MaxIdLength} characters, letters, digits and . _ - :");
        }

        if (!PartyId.TryParse(owner, out _))
        {
            problems.Error(ProblemCodes.ResourceKeyInvalid, "$.owner", $"'{owner}' is not a partner id.");
        }

        if (revision < 1)
        {
            problems.Error(ProblemCodes.ResourceRevisionInvalid, "$.revision", $"The revision is {revision}; the first is 1.");
        }
    }

    private static void Single(long revision, string what, ProblemCollector problems)
    {
        if (revision > 1)
        {
            problems.Error(ProblemCodes.ResourceRevisionInvalid, "$.revision", $"{what} has one revision, 1; what follows is a new message.");
        }
    }

    private static void Type(string type, string path, ProblemCollector problems)
    {
        if (!ResourceTypes.IsValid(type))
        {
            problems.Error(ProblemCodes.ResourceTypeUnknown, path, $"'{type}' is not in the code list (docs/resources.md); a type of your own is <namespace>:<code>.");
        }
    }

    private static void Text(LocalizedText? text, string path, string missing, ProblemCollector problems)
    {
        if (text is null || text.Entries.Count == 0 || text.Entries.All(e => string.IsNullOrWhiteSpace(e.Value)))
        {
            problems.Error(ProblemCodes.ResourceTextMissing, path, missing);
        }
    }

    private static void Positive(int quantity, string path, ProblemCollector problems)
    {
        if (quantity < 1)
        {
            problems.Error(ProblemCodes.ResourceQuantityInvalid, path, $"{quantity} is not a quantity here: 1 or more.");
        }
    }

    private static void Unit(string unit, string path, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.Trim().Length != unit.Length || unit.Length > 32)
        {
            problems.Error(ProblemCodes.ResourceUnitInvalid, path, $"'{unit}' is not a unit: 1 to 32 characters without leading or trailing whitespace (boat, team, m3/h).");
        }
    }

    private static void Capability(string name, double value, string unit, string path, string valueMember, ProblemCollector problems)
    {
        if (!IsCapabilityName(name))
        {
            problems.Error(ProblemCodes.ResourceCapabilityInvalid, path + ".name", $"'{name}' is not a capability name: lower camel case letters and digits (pumpCapacity), or <namespace>:<name>.");
        }

        if (!double.IsFinite(value))
        {
            problems.Error(ProblemCodes.ResourceCapabilityInvalid, $"{path}.{valueMember}", "A capability's value is a finite number.");
        }

        if (string.IsNullOrWhiteSpace(unit) || unit.Trim().Length != unit.Length || unit.Length > 32)
        {
            problems.Error(ProblemCodes.ResourceCapabilityInvalid, path + ".unit", $"'{unit}' is not a unit: 1 to 32 characters without leading or trailing whitespace (m3/h, kW, 1).");
        }
    }

    /// <summary>A capability name: lower camel case, or a partner's <c>namespace:name</c>.</summary>
    private static bool IsCapabilityName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name!.Length > 64)
        {
            return false;
        }

        var colon = name.IndexOf(':');
        if (colon >= 0 && (!CodeTokens.IsToken(name.AsSpan(0, colon)) || colon == name.Length - 1))
        {
            return false;
        }

        var local = name.AsSpan(colon + 1);
        if (local[0] is not (>= 'a' and <= 'z'))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static void Point(GeoGeometry? geometry, string path, string missing, ProblemCollector problems)
    {
        if (geometry is not null and not PointGeometry)
        {
            problems.Error(ProblemCodes.ResourceLocationInvalid, path, "A location here is a Point.");
            return;
        }

        ShapeRules.Check(geometry, ProblemCodes.ResourceLocationInvalid, path, missing, problems);
    }

    private static void Jurisdiction(string code, ProblemCollector problems)
    {
        if (!CityRisk.Jurisdiction.TryParse(code, out _))
        {
            problems.Error(ProblemCodes.ResourceJurisdictionInvalid, "$.jurisdiction", $"'{code}' is not a six-digit GB/T 2260 administrative division code.");
        }
    }

    private static void Reference(PoolReference? reference, string path, ProblemCollector problems)
    {
        if (reference is null || !PartyId.TryParse(reference.Owner, out _) || !EntityKeys.IsValidId(reference.Id))
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, path, "Name it by its owner (a partner id) and id (an entity id).");
        }
    }

    private static void ItemReference(RequestItemReference? reference, string path, ProblemCollector problems)
    {
        if (reference is null || !PartyId.TryParse(reference.Owner, out _) || !EntityKeys.IsValidId(reference.Id))
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, path, "Name the request by its owner (a partner id) and id (an entity id).");
        }
        else if (reference.Item < 0)
        {
            problems.Error(ProblemCodes.ResourceReferenceInvalid, path + ".item", $"{reference.Item} is not an item index: 0 for the first.");
        }
    }

    private static void Keeps(string before, string after, string path, string what, ProblemCollector problems)
    {
        if (before != after)
        {
            problems.Error(ProblemCodes.ResourceStepInvalid, path, $"The {what} was '{before}'; quantities are counted in it, so a later revision keeps it (a different one is a new entity).");
        }
    }

    private static void InOrder(DateTimeOffset before, DateTimeOffset after, ProblemCollector problems)
    {
        if (after < before)
        {
            problems.Error(ProblemCodes.ResourceStepInvalid, "$.updatedAt", $"{Format(after)} is before the previous revision ({Format(before)}); revisions are dated in order.");
        }
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
