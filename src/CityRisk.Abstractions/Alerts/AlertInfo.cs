using CityRisk.Geo;

namespace CityRisk.Alerts;

/// <summary>
/// One CAP <c>info</c> block: the event, its urgency, severity and certainty, texts in one language,
/// resources and areas. An alert carries one block per language. CityRisk adds a warning level, a risk
/// domain and hazard references, which travel in CAP as <c>CityRisk:</c> parameters.
/// </summary>
public sealed record AlertInfo
{
    /// <summary>The language of the texts (RFC 3066); CAP's default is <c>en-US</c> when absent.</summary>
    public string? Language { get; init; }

    /// <summary>The categories of the subject event; at least one. Required.</summary>
    public required IReadOnlyList<AlertCategory> Categories { get; init; }

    /// <summary>The text denoting the type of the subject event. Required.</summary>
    public required string Event { get; init; }

    /// <summary>The recommended types of action.</summary>
    public IReadOnlyList<AlertResponseType> ResponseTypes { get; init => field = value ?? []; } = [];

    /// <summary>The urgency. Required.</summary>
    public required AlertUrgency Urgency { get; init; }

    /// <summary>The severity. Required.</summary>
    public required AlertSeverity Severity { get; init; }

    /// <summary>The certainty. Required.</summary>
    public required AlertCertainty Certainty { get; init; }

    /// <summary>The intended audience.</summary>
    public string? Audience { get; init; }

    /// <summary>System-specific codes for the event type (CAP <c>eventCode</c>).</summary>
    public IReadOnlyList<NamedValue> EventCodes { get; init => field = value ?? []; } = [];

    /// <summary>When the information becomes effective; CAP treats the alert's <c>sent</c> as effective when absent.</summary>
    public DateTimeOffset? Effective { get; init; }

    /// <summary>The expected time of the beginning of the subject event.</summary>
    public DateTimeOffset? Onset { get; init; }

    /// <summary>When the information expires.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The human-readable name of the issuing agency.</summary>
    public string? SenderName { get; init; }

    /// <summary>A brief headline; CAP recommends fewer than 160 characters.</summary>
    public string? Headline { get; init; }

    /// <summary>An extended description of the event.</summary>
    public string? Description { get; init; }

    /// <summary>The recommended action.</summary>
    public string? Instruction { get; init; }

    /// <summary>A full absolute URI for additional information.</summary>
    public string? Web { get; init; }

    /// <summary>Contact information for follow-up.</summary>
    public string? Contact { get; init; }

    /// <summary>
    /// System-specific parameters (CAP <c>parameter</c>) other than the CityRisk extensions, which are the typed
    /// <see cref="Level"/>, <see cref="Domain"/> and <see cref="Hazards"/>. A <c>CityRisk:</c> parameter the reader
    /// could not turn into a typed value (an unknown level, say) stays here, and validation reports it.
    /// </summary>
    public IReadOnlyList<NamedValue> Parameters { get; init => field = value ?? []; } = [];

    /// <summary>The warning colour level (CAP parameter <c>CityRisk:level</c>).</summary>
    public WarningLevel? Level { get; init; }

    /// <summary>The risk domain (CAP parameter <c>CityRisk:domain</c>).</summary>
    public RiskDomain? Domain { get; init; }

    /// <summary>The ids of the hazards this information concerns (one CAP parameter <c>CityRisk:hazard</c> each).</summary>
    public IReadOnlyList<string> Hazards { get; init => field = value ?? []; } = [];

    /// <summary>Supplementary digital assets.</summary>
    public IReadOnlyList<AlertResource> Resources { get; init => field = value ?? []; } = [];

    /// <summary>The areas the information concerns.</summary>
    public IReadOnlyList<Area> Areas { get; init => field = value ?? []; } = [];

    /// <summary>Whether two info blocks say the same: every member by content (lists element by element, date-times by instant and offset).</summary>
    /// <param name="other">The other info block.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(AlertInfo? other) =>
        other is not null && (ReferenceEquals(this, other) || (
            Language == other.Language && ContentEquality.Lists(Categories, other.Categories) && Event == other.Event
            && ContentEquality.Lists(ResponseTypes, other.ResponseTypes) && Urgency == other.Urgency && Severity == other.Severity
            && Certainty == other.Certainty && Audience == other.Audience && ContentEquality.Lists(EventCodes, other.EventCodes)
            && ContentEquality.Instants(Effective, other.Effective) && ContentEquality.Instants(Onset, other.Onset)
            && ContentEquality.Instants(Expires, other.Expires) && SenderName == other.SenderName && Headline == other.Headline
            && Description == other.Description && Instruction == other.Instruction && Web == other.Web && Contact == other.Contact
            && ContentEquality.Lists(Parameters, other.Parameters) && Level == other.Level && Domain == other.Domain
            && ContentEquality.Lists(Hazards, other.Hazards) && ContentEquality.Lists(Resources, other.Resources)
            && ContentEquality.Lists(Areas, other.Areas)));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Language);
        hash.Add(Event);
        hash.Add(Urgency);
        hash.Add(Severity);
        hash.Add(Certainty);
        hash.Add(Headline);
        ContentEquality.AddList(ref hash, Areas);
        return hash.ToHashCode();
    }
}
