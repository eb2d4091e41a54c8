using System.Text.Json;
using System.Text.Json.Serialization;
using CityRisk.Problems;

namespace CityRisk.Server.Partners;

/// <summary>
/// Reads and writes the partners file (JSON, documented in docs/operations.md). Reading reports every problem
/// with its path, never just the first, and never half-loads a file.
/// </summary>
public static class PartnersFile
{
    /// <summary>Reads a partners file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="PartnersFileException">The file is missing, unreadable, malformed, or breaks a rule; every problem is listed.</exception>
    public static async Task<PartnerRegistry> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PartnersFileException(path, [Problem.Error("PARTNERS-UNREADABLE", string.Empty, $"Cannot read the partners file: {ex.Message}")]);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses a partners file's content.</summary>
    /// <param name="utf8Json">The content.</param>
    /// <param name="path">Where it came from, for messages.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="PartnersFileException">The content is malformed or breaks a rule; every problem is listed.</exception>
    public static PartnerRegistry Parse(ReadOnlySpan<byte> utf8Json, string path = "partners file")
    {
        PartnersDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, PartnersJsonContext.Default.PartnersDocument);
        }
        catch (JsonException ex)
        {
            throw new PartnersFileException(path, [Problem.Error("PARTNERS-MALFORMED", ex.Path ?? "$", $"{ex.Message.Split(" Path:")[0]} (line {ex.LineNumber + 1})")]);
        }

        var problems = new List<Problem>();
        var partners = new List<Partner>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        var entries = document?.Partners ?? [];
        if (entries.Count == 0)
        {
            problems.Add(Problem.Error("PARTNERS-EMPTY", "partners", "The file lists no partners; nobody could call the hub."));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = $"partners[{i}]";
            if (!PartyId.TryParse(entry.Id, out var id))
            {
                problems.Add(Problem.Error("PARTNERS-ID-INVALID", $"{at}.id", $"'{entry.Id}' is not a partner id: 2 to 63 lowercase letters, digits and hyphens."));
            }
            else if (!ids.Add(id.Value))
            {
                problems.Add(Problem.Error("PARTNERS-ID-DUPLICATE", $"{at}.id", $"The partner id '{id}' appears twice."));
            }

            var credentials = new List<PartnerCredential>();
            var entryCredentials = entry.Credentials ?? [];
            if (entryCredentials.Count == 0)
            {
                problems.Add(Problem.Warning("PARTNERS-NO-CREDENTIALS", $"{at}.credentials", "The partner has no credentials and cannot call the hub."));
            }

            for (var j = 0; j < entryCredentials.Count; j++)
            {
                var credential = entryCredentials[j];
                var cat = $"{at}.credentials[{j}]";
                if (string.IsNullOrWhiteSpace(credential.Id))
                {
                    problems.Add(Problem.Error("PARTNERS-CREDENTIAL-ID-MISSING", $"{cat}.id", "Each credential needs an id, to tell them apart when rotating."));
                }

                if (!IsHash(credential.Hash))
                {
                    problems.Add(Problem.Error("PARTNERS-HASH-INVALID", $"{cat}.hash",
                        "The hash must be 'sha256:' and the Base64 of 32 bytes, as 'cityrisk partners hash-token' writes it. Never put the token itself in the file."));
                }
                else if (!hashes.Add(credential.Hash!))
                {
                    problems.Add(Problem.Error("PARTNERS-HASH-DUPLICATE", $"{cat}.hash", "This credential hash is used twice; every token must be unique."));
                }

                credentials.Add(new PartnerCredential { Id = credential.Id ?? string.Empty, Hash = credential.Hash ?? string.Empty, NotAfter = credential.NotAfter, Revoked = credential.Revoked });
            }

            var jurisdictions = entry.Jurisdictions ?? [];
            for (var j = 0; j < jurisdictions.Count; j++)
            {
                if (!Jurisdiction.TryParse(jurisdictions[j], out _))
                {
                    problems.Add(Problem.Error("PARTNERS-JURISDICTION-INVALID", $"{at}.jurisdictions[{j}]", $"'{jurisdictions[j]}' is not a six-digit GB/T 2260 code."));
                }
            }

            partners.Add(new Partner
            {
                Id = id,
                Name = entry.Name,
                Roles = [.. (entry.Roles ?? []).Distinct(StringComparer.Ordinal)],
                CapSenders = [.. (entry.CapSenders ?? []).Distinct(StringComparer.Ordinal)],
                Jurisdictions = [.. jurisdictions.Distinct(StringComparer.Ordinal)],
                Credentials = credentials,
            });
        }

        var groups = ReadGroups(document?.Groups, ids, problems);
        if (problems.HasErrors())
        {
            throw new PartnersFileException(path, problems);
        }

        return new PartnerRegistry(partners.Select(p => p with { Groups = [.. groups.Where(g => g.Value.Contains(p.Id.Value)).Select(g => g.Key).Order(StringComparer.Ordinal)] }));
    }

    /// <summary>Writes a registry as a partners file (indented JSON).</summary>
    /// <param name="registry">The partners.</param>
    /// <returns>The file's content, UTF-8.</returns>
    public static byte[] Serialize(PartnerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var document = new PartnersDocument
        {
            Partners = [.. registry.Partners.Select(p => new PartnerEntry
            {
                Id = p.Id.Value,
                Name = p.Name,
                Roles = [.. p.Roles],
                CapSenders = [.. p.CapSenders],
                Jurisdictions = p.Jurisdictions.Count == 0 ? null : [.. p.Jurisdictions],
                Credentials = [.. p.Credentials.Select(c => new CredentialEntry { Id = c.Id, Hash = c.Hash, NotAfter = c.NotAfter, Revoked = c.Revoked })],
            })],
        };
        var groups = registry.Partners.SelectMany(p => p.Groups.Select(g => (Group: g, Member: p.Id.Value))).GroupBy(m => m.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (groups.Count > 0)
        {
            document.Groups = groups.ToDictionary(g => g.Key, g => g.Select(m => m.Member).ToList(), StringComparer.Ordinal);
        }

        return JsonSerializer.SerializeToUtf8Bytes(document, PartnersJsonContext.Default.PartnersDocument);
    }

    /// <summary>The mutual-aid groups: each name a lower-case token, each member a partner of the file, listed once.</summary>
    private static Dictionary<string, HashSet<string>> ReadGroups(Dictionary<string, List<string>>? entries, HashSet<string> ids, List<Problem> problems)
    {
        var groups = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (name, members) in entries ?? [])
        {
            if (!IsGroupName(name))
            {
                problems.Add(Problem.Error("PARTNERS-GROUP-INVALID", $"groups.{name}", $"'{name}' is not a group name: 1 to 64 lower-case letters, digits and inner hyphens."));
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (members?.Count ?? 0); i++)
            {
                var member = members![i];
                if (!ids.Contains(member))
                {
                    problems.Add(Problem.Error("PARTNERS-GROUP-INVALID", $"groups.{name}[{i}]", $"'{member}' is not a partner of this file; a group lists partner ids."));
                }
                else if (!set.Add(member))
                {
                    problems.Add(Problem.Error("PARTNERS-GROUP-INVALID", $"groups.{name}[{i}]", $"'{member}' is listed twice."));
                }
            }

            if (set.Count == 0)
            {
                problems.Add(Problem.Warning("PARTNERS-GROUP-INVALID", $"groups.{name}", "The group has no members; a message for it reaches only its sender."));
            }

            groups[name] = set;
        }

        return groups;
    }

    private static bool IsGroupName(string name) =>
        name.Length is > 0 and <= 64 && name[0] != '-' && name[^1] != '-' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static bool IsHash(string? value)
    {
        if (value is null || !value.StartsWith(PartnerTokens.HashPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[33];
        return Convert.TryFromBase64String(value[PartnerTokens.HashPrefix.Length..], digest, out var written) && written == 32;
    }

    internal sealed class PartnersDocument
    {
        public List<PartnerEntry>? Partners { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Dictionary<string, List<string>>? Groups { get; set; }
    }

    internal sealed class PartnerEntry
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public List<string>? Roles { get; set; }

        public List<string>? CapSenders { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<string>? Jurisdictions { get; set; }

        public List<CredentialEntry>? Credentials { get; set; }
    }

    internal sealed class CredentialEntry
    {
        public string? Id { get; set; }

        public string? Hash { get; set; }

        public DateTimeOffset? NotAfter { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public bool Revoked { get; set; }
    }
}

/// <summary>The partners file's serializer context.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PartnersFile.PartnersDocument))]
internal sealed partial class PartnersJsonContext : JsonSerializerContext;
