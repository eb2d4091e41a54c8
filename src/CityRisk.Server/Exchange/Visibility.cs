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
                    : caller.HasRole(role)),
            Scope.Private => envelope.Recipients.Contains(caller.Id.Value),
            _ => false,
        };
    }
}
