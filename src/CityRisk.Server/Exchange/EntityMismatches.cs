using CityRisk.Protocol.V1;

namespace CityRisk.Server.Exchange;

/// <summary>Says why each envelope field an entity's payload disagrees with is wrong, the same way for every kind.</summary>
internal static class EntityMismatches
{
    public static IReadOnlyList<(string Field, string Why)> Describe(IReadOnlyList<string> fields, Envelope given, Envelope derived, string kind, string id, long revision, string howToDerive) =>
        [.. fields.Select(field => (field, field switch
        {
            "id" => $"The id of revision {revision} of {kind} '{id}' is '{derived.Id}', not '{given.Id}' (docs/protocol.md §3.4).",
            "entity" => $"The entity is ({kind}, {derived.Entity.Owner}, {id}), as the payload says.",
            "revision" => $"The envelope says revision {given.Revision}; the payload is revision {revision}.",
            "sender" => $"The payload says this revision is published by '{derived.Sender}', not '{given.Sender}'.",
            "sent" => $"'{given.Sent}' is not an RFC 3339 date-time with an offset.",
            "attributes" => $"The attributes are {string.Join(", ", derived.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}, as the payload says.",
            _ => $"The envelope's {field} is not what the {kind} implies; derive it from the payload ({howToDerive}).",
        }))];
}
