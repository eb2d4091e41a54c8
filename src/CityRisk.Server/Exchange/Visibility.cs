using CityRisk.Server.Partners;
using CityRisk.Protocol.V1;

namespace CityRisk.Server.Exchange;

/// <summary>
/// Who may see a message (docs/protocol.md §5): the sender always; Public everyone; Restricted the partners
/// holding one of its roles or named as <c>partner:&lt;id&gt;</c>; Private its recipients. Every read path asks here.
/// </summary>
internal static class Visibility
{
    public const string PartnerReferencePrefix = "partner:";

    /// <summary>The prefix of a mutual-aid group in an audience (<c>group:gba</c>, docs/resources.md).</summary>
    public const string GroupReferencePrefix = "group:";

    public static bool CanSee(Partner caller, Envelope envelope)
    {
        if (envelope.Sender == caller.Id.Value)
        {
            return true;
        }

        return envelope.Scope switch
        {
            Scope.Public => true,
            Scope.Restricted => envelope.RestrictionRoles.Any(role =>
                role.StartsWith(PartnerReferencePrefix, StringComparison.Ordinal)
                    ? role.AsSpan(PartnerReferencePrefix.Length).SequenceEqual(caller.Id.Value)
                    : role.StartsWith(GroupReferencePrefix, StringComparison.Ordinal)
                        ? caller.IsInGroup(role[GroupReferencePrefix.Length..])
                        : caller.HasRole(role)),
            Scope.Private => envelope.Recipients.Contains(caller.Id.Value),
            _ => false,
        };
    }

    /// <summary>
    /// Who may see a message as viewer entries, for an index that answers "may this viewer see it" without the
    /// envelope: the sender and restriction partners as <c>partner:&lt;id&gt;</c>, groups as <c>group:&lt;name&gt;</c>,
    /// roles as <c>role:&lt;role&gt;</c>, recipients as <c>partner:&lt;id&gt;</c>; none for a Public message.
    /// </summary>
    public static IReadOnlyList<string> ViewersOf(Envelope envelope) => envelope.Scope switch
    {
        Scope.Restricted => [PartnerReferencePrefix + envelope.Sender, .. envelope.RestrictionRoles.Select(role =>
            role.StartsWith(PartnerReferencePrefix, StringComparison.Ordinal) || role.StartsWith(GroupReferencePrefix, StringComparison.Ordinal) ? role : "role:" + role)],
        Scope.Private => [PartnerReferencePrefix + envelope.Sender, .. envelope.Recipients.Select(r => PartnerReferencePrefix + r)],
        _ => [],
    };

    /// <summary>The viewer entries a partner matches (<see cref="ViewersOf"/>): its id, its roles and its groups.</summary>
    public static IReadOnlyList<string> ViewerOf(Partner caller) =>
        [PartnerReferencePrefix + caller.Id.Value, .. caller.Roles.Select(r => "role:" + r), .. caller.Groups.Select(g => GroupReferencePrefix + g)];
}
