namespace CityRisk.Server.Partners;

/// <summary>A registered partner: who it is, its roles, the CAP sender values it may use, and its credentials.</summary>
public sealed record Partner
{
    /// <summary>The partner id, such as <c>foshan-em</c>.</summary>
    public required PartyId Id { get; init; }

    /// <summary>A name for people.</summary>
    public string? Name { get; init; }

    /// <summary>Roles such as <c>city</c>, <c>lifeline-operator</c>, <c>insurer</c>, <c>regulator</c>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The CAP <c>&lt;sender&gt;</c> values this partner may publish alerts with.</summary>
    public IReadOnlyList<string> CapSenders { get; init; } = [];

    /// <summary>
    /// The GB/T 2260 divisions the partner is responsible for (a district's emergency bureau: <c>410202</c>; a city's
    /// grid centre: <c>410200</c>, which covers its districts). It verifies, dispatches, rejects and closes the
    /// incidents there (docs/incidents.md, "Who may move it").
    /// </summary>
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>
    /// The mutual-aid groups it belongs to (the partners file's <c>groups</c>, docs/resources.md): a Restricted
    /// message whose audience names <c>group:&lt;name&gt;</c> reaches every member.
    /// </summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Its credentials; several at once so tokens can rotate.</summary>
    public IReadOnlyList<PartnerCredential> Credentials { get; init; } = [];

    /// <summary>Whether the partner has a role.</summary>
    /// <param name="role">The role name.</param>
    /// <returns><see langword="true"/> when <see cref="Roles"/> contains it.</returns>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether the partner belongs to a mutual-aid group.</summary>
    /// <param name="group">The group's name.</param>
    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);

    /// <summary>Whether the partner is responsible for a division: one of its <see cref="Jurisdictions"/> is it or contains it.</summary>
    /// <param name="code">The division's six-digit code.</param>
    public bool IsResponsibleFor(string code) =>
        CityRisk.Jurisdiction.TryParse(code, out var division) && Jurisdictions.Any(j => CityRisk.Jurisdiction.TryParse(j, out var mine) && division.IsWithin(mine));
}

/// <summary>One credential of a partner: the hash of a bearer token, when it stops being valid, and whether it was revoked.</summary>
public sealed record PartnerCredential
{
    /// <summary>A name for the credential, to tell them apart when rotating (<c>2026-11</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The token's hash: <c>sha256:</c> + Base64 (<see cref="PartnerTokens.Hash"/>).</summary>
    public required string Hash { get; init; }

    /// <summary>The last moment the credential is valid; null for no expiry.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Whether the credential was revoked.</summary>
    public bool Revoked { get; init; }
}
