using System.Text.Json.Serialization;

namespace CityRisk.Alerts;

/// <summary>
/// A CAP 1.2 alert message: every element of CAP's <c>alert</c> with its cardinality, one <see cref="AlertInfo"/>
/// per language, and the CityRisk extensions on each info block. It maps 1:1 to a CAP 1.2 document
/// (<see cref="CapAlertReader"/>, <see cref="CapAlertWriter"/>) and to a CityRisk JSON document of kind
/// <c>alert</c> (<see cref="Json.CityRiskJson"/>).
/// </summary>
public sealed record Alert
{
    /// <summary>The document kind, always <c>alert</c> for a valid alert.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.Alert;

    /// <summary>The document version (<c>v</c> in CityRisk JSON), always 1 for a valid alert.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The identifier, unique for the sender; no spaces, commas, <c>&lt;</c> or <c>&amp;</c>. Required.</summary>
    public required string Identifier { get; init; }

    /// <summary>The originator, globally unique (often an e-mail address or URI); the same characters as the identifier. Required.</summary>
    public required string Sender { get; init; }

    /// <summary>When the message originated, with its original offset; CAP has seconds precision. Required.</summary>
    public required DateTimeOffset Sent { get; init; }

    /// <summary>The handling code. Required.</summary>
    public required AlertStatus Status { get; init; }

    /// <summary>The nature of the message. Required.</summary>
    [JsonPropertyName("msgType")]
    public required AlertMessageType MessageType { get; init; }

    /// <summary>The particular source of the message (an operator or device).</summary>
    public string? Source { get; init; }

    /// <summary>The intended distribution. Required.</summary>
    public required AlertScope Scope { get; init; }

    /// <summary>The rule for limiting distribution, in words; required when <see cref="Scope"/> is Restricted.</summary>
    public string? Restriction { get; init; }

    /// <summary>
    /// The intended recipients; required when <see cref="Scope"/> is Private. CAP writes them space-delimited,
    /// quoting addresses that contain spaces. <see langword="null"/> when the element is absent.
    /// </summary>
    public IReadOnlyList<string>? Addresses { get; init; }

    /// <summary>Codes denoting special handling (CAP <c>code</c>).</summary>
    public IReadOnlyList<string> Codes { get; init => field = value ?? []; } = [];

    /// <summary>The purpose or significance of the message.</summary>
    public string? Note { get; init; }

    /// <summary>The earlier messages this one refers to; <see langword="null"/> when the element is absent.</summary>
    public IReadOnlyList<AlertReference>? References { get; init; }

    /// <summary>The incidents this message concerns; <see langword="null"/> when the element is absent.</summary>
    public IReadOnlyList<string>? Incidents { get; init; }

    /// <summary>The information blocks, one per language.</summary>
    public IReadOnlyList<AlertInfo> Info { get; init => field = value ?? []; } = [];

    /// <summary>
    /// The enveloped XML signature of the document this alert was read from, kept as bytes; never in JSON.
    /// </summary>
    [JsonIgnore]
    public CapSignature? Signature { get; init; }

    /// <summary>
    /// Whether two alerts say the same: every member by content (lists element by element, date-times by instant
    /// and offset). <see cref="Signature"/> is not compared: it belongs to the bytes an alert was read from.
    /// </summary>
    /// <param name="other">The other alert.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Alert? other) =>
        other is not null && (ReferenceEquals(this, other) || (
            Kind == other.Kind && Version == other.Version && Identifier == other.Identifier && Sender == other.Sender
            && ContentEquality.Instants(Sent, other.Sent) && Status == other.Status && MessageType == other.MessageType
            && Source == other.Source && Scope == other.Scope && Restriction == other.Restriction
            && ContentEquality.Lists(Addresses, other.Addresses) && ContentEquality.Lists(Codes, other.Codes) && Note == other.Note
            && ContentEquality.Lists(References, other.References) && ContentEquality.Lists(Incidents, other.Incidents)
            && ContentEquality.Lists(Info, other.Info)));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Identifier);
        hash.Add(Sender);
        hash.Add(Sent);
        hash.Add(Status);
        hash.Add(MessageType);
        hash.Add(Scope);
        ContentEquality.AddList(ref hash, Info);
        return hash.ToHashCode();
    }
}
