using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Incidents;

/// <summary>
/// Something that happened and must be handled to a close: a blocked drainage outlet a grid worker found, a gas
/// explosion, a typhoon landfall. An entity (docs/protocol.md §3): its key is (kind <c>incident</c>,
/// <see cref="Owner"/>, <see cref="Id"/>), and every step of its closed loop is a new <see cref="Revision"/>
/// naming who took it (<see cref="UpdatedBy"/>), when and why, so the revision history is the case file
/// (docs/incidents.md).
/// </summary>
public sealed record Incident
{
    // An absent list reads as empty, never null (the serializer sets members it did not find to their default).
    private readonly IReadOnlyList<string> _audience = [];
    private readonly IReadOnlyList<string> _recipients = [];
    private readonly IReadOnlyList<IncidentLink> _links = [];

    /// <summary>The document kind, <c>incident</c> (CityRisk JSON's <c>"kind"</c>).</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.Incident;

    /// <summary>The CityRisk JSON version, 1 (<c>"v"</c>).</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The incident's id, unique for its owner: 1 to 128 characters, letters, digits and <c>. _ - :</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The partner that reported it (the reporter); it stays the owner whoever takes the later steps.</summary>
    public required string Owner { get; init; }

    /// <summary>This version's revision: 1 for the report, then one more for every step.</summary>
    public required long Revision { get; init; }

    /// <summary>Who first reported it to the owner.</summary>
    public required ReporterRole ReporterRole { get; init; }

    /// <summary>What happened: a code of <see cref="IncidentTypes"/> (<c>accident/drainage-facility</c>).</summary>
    public required string Type { get; init; }

    /// <summary>Which of the four plates it belongs to.</summary>
    public required RiskDomain Domain { get; init; }

    /// <summary>Its grade, I (most serious) to IV.</summary>
    public required IncidentGrade Grade { get; init; }

    /// <summary>A short title, in one or more languages.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What happened, in one or more languages; optional.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>Where: a Point or a Polygon.</summary>
    public required GeoGeometry Location { get; init; }

    /// <summary>The administrative division it happened in: a six-digit GB/T 2260 code. Statistics count it there.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>When it happened (or began), with its offset.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the owner reported it, with its offset: the start of its time to close. The same in every revision.</summary>
    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>People harmed, as known now; absent when none are known.</summary>
    public Casualties? Casualties { get; init; }

    /// <summary>What it cost, as known now; absent when not known.</summary>
    public Losses? Losses { get; init; }

    /// <summary>The alerts, hazards, resource requests and incidents it concerns.</summary>
    public IReadOnlyList<IncidentLink> Links { get => _links; init => _links = value ?? []; }

    /// <summary>The partner dispatched to handle it; required from <see cref="IncidentState.Dispatched"/> on.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Where it is in its closed loop; the first revision is <see cref="IncidentState.Reported"/>.</summary>
    public required IncidentState State { get; init; }

    /// <summary>For a <see cref="IncidentState.Merged"/> incident: the incident it duplicates.</summary>
    public IncidentKey? MergedInto { get; init; }

    /// <summary>The partner that published this revision (the owner for revision 1); the hub checks it is the caller.</summary>
    public required string UpdatedBy { get; init; }

    /// <summary>When this revision's step was taken, with its offset; for revision 1, <see cref="ReportedAt"/>.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why this step was taken (what was found, what was done); optional.</summary>
    public string? Note { get; init; }

    /// <summary>Who may see it besides the owner, the assignee and the one who took each step: stated, never assumed.</summary>
    public required DocumentScope Scope { get; init; }

    /// <summary>For a Restricted incident: the roles (or <c>partner:&lt;id&gt;</c>) that may see it.</summary>
    public IReadOnlyList<string> Audience { get => _audience; init => _audience = value ?? []; }

    /// <summary>For a Private incident: the partners it is shared with.</summary>
    public IReadOnlyList<string> Recipients { get => _recipients; init => _recipients = value ?? []; }

    /// <summary>Equal when every value is equal, lists element by element.</summary>
    /// <param name="other">The other incident.</param>
    public bool Equals(Incident? other) =>
        other is not null && Id == other.Id && Owner == other.Owner && Revision == other.Revision && ReporterRole == other.ReporterRole
        && Type == other.Type && Domain == other.Domain && Grade == other.Grade && Equals(Title, other.Title) && Equals(Description, other.Description)
        && Equals(Location, other.Location) && Jurisdiction == other.Jurisdiction && OccurredAt.Equals(other.OccurredAt) && OccurredAt.Offset == other.OccurredAt.Offset
        && ReportedAt.Equals(other.ReportedAt) && ReportedAt.Offset == other.ReportedAt.Offset && Equals(Casualties, other.Casualties) && Equals(Losses, other.Losses)
        && Links.SequenceEqual(other.Links) && AssignedTo == other.AssignedTo && State == other.State && Equals(MergedInto, other.MergedInto)
        && UpdatedBy == other.UpdatedBy && UpdatedAt.Equals(other.UpdatedAt) && UpdatedAt.Offset == other.UpdatedAt.Offset && Note == other.Note
        && Scope == other.Scope && Audience.SequenceEqual(other.Audience) && Recipients.SequenceEqual(other.Recipients);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Revision, State);
}
