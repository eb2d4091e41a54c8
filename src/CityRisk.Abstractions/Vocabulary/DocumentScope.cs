namespace CityRisk;

/// <summary>
/// Who may see a document other than an alert (docs/protocol.md §5): everyone, the partners holding its audience's
/// roles, or the partners it names. Its owner always sees it. Alerts use CAP's own <c>scope</c>.
/// </summary>
public enum DocumentScope
{
    /// <summary>Every partner of the exchange.</summary>
    Public = 1,

    /// <summary>The partners holding one of its audience's roles (or named <c>partner:&lt;id&gt;</c> there).</summary>
    Restricted = 2,

    /// <summary>The partners it names as recipients.</summary>
    Private = 3,
}
