namespace CityRisk.Alerts;

/// <summary>How an alert is published: its audience beyond what CAP says, and the format it travels in.</summary>
public sealed record AlertPublishOptions
{
    /// <summary>
    /// For a Restricted alert (required then): who may see it, as role names (<c>lifeline-operator</c>) and partner
    /// references (<c>partner:shenzhen-gas</c>). CAP's <c>restriction</c> is text for people; this is the
    /// machine-readable audience the hub enforces.
    /// </summary>
    public IReadOnlyList<string> RestrictionRoles { get; init; } = [];

    /// <summary>
    /// For a Private alert: the partner ids it is addressed to. They are CAP's <c>addresses</c>; an alert without
    /// addresses gets these, and one with addresses must name the same partners.
    /// </summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>The format an <see cref="Alert"/> is sent in. Default CityRisk JSON; a document is always sent as it is.</summary>
    public DocumentFormat Format { get; init; } = DocumentFormat.CityRiskJson;
}
