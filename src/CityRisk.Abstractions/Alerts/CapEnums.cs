using System.Collections.Frozen;

namespace CityRisk.Alerts;

/// <summary>One CAP enumeration: its XML text for each value and the CAP version that introduced each.</summary>
internal sealed class CapEnum<T>
    where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byText;
    private readonly FrozenDictionary<T, string> _byValue;
    private readonly FrozenDictionary<T, CapVersion> _since;

    public CapEnum(string element, IReadOnlyDictionary<T, CapVersion>? since = null)
    {
        Element = element;
        var values = Enum.GetValues<T>();
        _byText = values.ToFrozenDictionary(v => v.ToString(), v => v, StringComparer.Ordinal);
        _byValue = values.ToFrozenDictionary(v => v, v => v.ToString());
        _since = (since ?? new Dictionary<T, CapVersion>()).ToFrozenDictionary();
    }

    /// <summary>The CAP element name, for messages.</summary>
    public string Element { get; }

    public bool TryParse(string text, CapVersion version, out T value) =>
        _byText.TryGetValue(text, out value) && IsDefinedIn(value, version);

    public bool TryGetValue(string text, out T value) => _byText.TryGetValue(text, out value);

    public bool IsDefined(T value) => _byValue.ContainsKey(value);

    public string Text(T value) => _byValue[value];

    public string Describe(CapVersion version = CapVersion.Cap12) =>
        string.Join(", ", _byValue.Where(p => IsDefinedIn(p.Key, version)).OrderBy(p => p.Key).Select(p => p.Value));

    private bool IsDefinedIn(T value, CapVersion version) => !_since.TryGetValue(value, out var since) || version >= since;
}

/// <summary>The CAP enumerations and the CityRisk vocabularies that travel as parameters.</summary>
internal static class CapEnums
{
    public static readonly CapEnum<AlertStatus> Status = new("status", new Dictionary<AlertStatus, CapVersion> { [AlertStatus.Draft] = CapVersion.Cap11 });

    public static readonly CapEnum<AlertMessageType> MessageType = new("msgType");

    public static readonly CapEnum<AlertScope> Scope = new("scope");

    public static readonly CapEnum<AlertCategory> Category = new("category", new Dictionary<AlertCategory, CapVersion> { [AlertCategory.CBRNE] = CapVersion.Cap11 });

    public static readonly CapEnum<AlertResponseType> ResponseType = new("responseType", new Dictionary<AlertResponseType, CapVersion>
    {
        [AlertResponseType.Shelter] = CapVersion.Cap11,
        [AlertResponseType.Evacuate] = CapVersion.Cap11,
        [AlertResponseType.Prepare] = CapVersion.Cap11,
        [AlertResponseType.Execute] = CapVersion.Cap11,
        [AlertResponseType.Monitor] = CapVersion.Cap11,
        [AlertResponseType.Assess] = CapVersion.Cap11,
        [AlertResponseType.None] = CapVersion.Cap11,
        [AlertResponseType.Avoid] = CapVersion.Cap12,
        [AlertResponseType.AllClear] = CapVersion.Cap12,
    });

    public static readonly CapEnum<AlertUrgency> Urgency = new("urgency");

    public static readonly CapEnum<AlertSeverity> Severity = new("severity");

    public static readonly CapEnum<AlertCertainty> Certainty = new("certainty", new Dictionary<AlertCertainty, CapVersion> { [AlertCertainty.Observed] = CapVersion.Cap11 });

    public static readonly CapEnum<WarningLevel> Level = new("CityRisk:level");

    public static readonly CapEnum<RiskDomain> Domain = new("CityRisk:domain");
}
