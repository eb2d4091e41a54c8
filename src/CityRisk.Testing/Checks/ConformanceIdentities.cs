using System.Text.Json;

namespace CityRisk.Testing;

/// <summary>
/// The parties the checks need, registered at the endpoint under test (docs/conformance.md): two cities, a lifeline
/// operator and an outsider, optionally a jurisdiction for incidents, plus the endpoint's limits where they differ
/// from the protocol's defaults.
/// </summary>
public sealed record ConformanceIdentities
{
    /// <summary>A city that publishes (role <c>city</c> or any; never a lifeline operator).</summary>
    public required ConformanceParty CityA { get; init; }

    /// <summary>Another city: reads what is public, and is a Private alert's recipient in some checks.</summary>
    public required ConformanceParty CityB { get; init; }

    /// <summary>A lifeline operator: the audience of Restricted alerts (its <see cref="ConformanceParty.Role"/>, default <c>lifeline-operator</c>).</summary>
    public required ConformanceParty LifelineOperator { get; init; }

    /// <summary>A partner with none of the roles the checks restrict to: it must see nothing Restricted or Private.</summary>
    public required ConformanceParty Outsider { get; init; }

    /// <summary>
    /// For the incidents capability: a partner the endpoint makes responsible for a division (its
    /// <see cref="ConformanceParty.Division"/>), so it may verify, dispatch and close incidents there; null skips those checks.
    /// </summary>
    public ConformanceParty? Jurisdiction { get; init; }

    /// <summary>
    /// For the resources capability: the name of a mutual-aid group of the endpoint (<c>group:&lt;name&gt;</c> audiences)
    /// whose members include <see cref="CityA"/>, <see cref="CityB"/> and <see cref="LifelineOperator"/>, and not the
    /// <see cref="Outsider"/>; null skips those checks.
    /// </summary>
    public string? MutualAidGroup { get; init; }

    /// <summary>
    /// For the enterprises capability: a partner with the role <c>regulator</c>, which publishes enterprise profiles and
    /// grants and reads the audit; null (or no <see cref="Insurer"/>) skips those checks.
    /// </summary>
    public ConformanceParty? Regulator { get; init; }

    /// <summary>
    /// For the enterprises capability: a partner with the role <c>insurer</c> (and not <c>regulator</c>), which reads
    /// profiles under the regulator's grants; null (or no <see cref="Regulator"/>) skips those checks.
    /// </summary>
    public ConformanceParty? Insurer { get; init; }

    /// <summary>The largest message the endpoint accepts; default 4 MiB (gRPC's default).</summary>
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How many messages a live subscriber may fall behind before RESOURCE_EXHAUSTED; null skips the check that needs it.</summary>
    public int? MaxSubscriberLag { get; init; }

    /// <summary>A CA certificate (PEM) to trust for an https:// endpoint; null for the system trust store.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>The lifeline operator's role name.</summary>
    internal string LifelineRole => LifelineOperator.Role ?? "lifeline-operator";

    /// <summary>
    /// Reads an identities file: <c>{"parties": {"city-a": {...}, "city-b": {...}, "lifeline-operator": {...},
    /// "outsider": {...}}, "limits": {"maxMessageBytes": ..., "maxSubscriberLag": ...}, "caCertificate": "ca.pem",
    /// "mutualAidGroup": "gba"}</c>; optional parties <c>jurisdiction</c> (with its <c>division</c>), <c>regulator</c> and <c>insurer</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="FormatException">The file is not an identities file; the message says what is wrong where.</exception>
    public static async Task<ConformanceIdentities> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, path);
    }

    /// <summary>Parses an identities file's content; see <see cref="LoadAsync"/>.</summary>
    /// <param name="utf8Json">The content.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <exception cref="FormatException">The content is not an identities file.</exception>
    public static ConformanceIdentities Parse(ReadOnlySpan<byte> utf8Json, string source = "identities file")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("parties", out var parties) || parties.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{source}: expected an object with \"parties\" (city-a, city-b, lifeline-operator, outsider).");
            }

            var limits = root.TryGetProperty("limits", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            var identities = new ConformanceIdentities
            {
                CityA = Party(parties, "city-a", source),
                CityB = Party(parties, "city-b", source),
                LifelineOperator = Party(parties, "lifeline-operator", source),
                Outsider = Party(parties, "outsider", source),
                MaxMessageBytes = limits.ValueKind == JsonValueKind.Object && limits.TryGetProperty("maxMessageBytes", out var max) ? Number(max, "limits.maxMessageBytes", source) : 4 * 1024 * 1024,
                MaxSubscriberLag = limits.ValueKind == JsonValueKind.Object && limits.TryGetProperty("maxSubscriberLag", out var lag) ? Number(lag, "limits.maxSubscriberLag", source) : null,
                CaCertificatePath = root.TryGetProperty("caCertificate", out var ca) ? ca.GetString() : null,
                Jurisdiction = parties.TryGetProperty("jurisdiction", out _) ? Party(parties, "jurisdiction", source) : null,
                MutualAidGroup = root.TryGetProperty("mutualAidGroup", out var group) ? group.GetString() : null,
                Regulator = parties.TryGetProperty("regulator", out _) ? Party(parties, "regulator", source) : null,
                Insurer = parties.TryGetProperty("insurer", out _) ? Party(parties, "insurer", source) : null,
            };
            if (identities.Jurisdiction is { } jurisdiction && !CityRisk.Jurisdiction.TryParse(jurisdiction.Division, out _))
            {
                throw new FormatException($"{source}: parties.jurisdiction.division must be the six-digit GB/T 2260 code the endpoint makes it responsible for.");
            }

            var ids = new[] { identities.CityA, identities.CityB, identities.LifelineOperator, identities.Outsider, identities.Jurisdiction, identities.Regulator, identities.Insurer }.OfType<ConformanceParty>().Select(p => p.PartnerId).ToList();
            if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            {
                throw new FormatException($"{source}: the parties must be different partners; got {string.Join(", ", ids)}.");
            }

            return identities;
        }
    }

    private static ConformanceParty Party(JsonElement parties, string name, string source)
    {
        if (!parties.TryGetProperty(name, out var party) || party.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{source}: parties.{name} is missing.");
        }

        return new ConformanceParty
        {
            PartnerId = Text(party, "partnerId", $"parties.{name}", source),
            Token = Text(party, "token", $"parties.{name}", source),
            CapSender = Text(party, "capSender", $"parties.{name}", source),
            Role = party.TryGetProperty("role", out var role) ? role.GetString() : null,
            Division = party.TryGetProperty("division", out var division) ? division.GetString() : null,
        };
    }

    private static string Text(JsonElement element, string property, string path, string source) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"{source}: {path}.{property} must be a non-empty string.");

    private static int Number(JsonElement value, string path, string source) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
            ? number
            : throw new FormatException($"{source}: {path} must be a positive integer.");
}
