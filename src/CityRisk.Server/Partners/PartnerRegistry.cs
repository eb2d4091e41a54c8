using System.Collections.Frozen;

namespace CityRisk.Server.Partners;

/// <summary>The partners a hub knows, looked up by token hash and by id. Immutable: reloading makes a new registry.</summary>
public sealed class PartnerRegistry
{
    private readonly FrozenDictionary<string, (Partner Partner, PartnerCredential Credential)> _byHash;
    private readonly FrozenDictionary<string, Partner> _byId;

    /// <summary>Creates a registry.</summary>
    /// <param name="partners">The partners; ids and credential hashes must be unique.</param>
    /// <exception cref="ArgumentException">An id or a credential hash appears twice.</exception>
    public PartnerRegistry(IEnumerable<Partner> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var list = partners.ToList();
        var byId = new Dictionary<string, Partner>(StringComparer.Ordinal);
        var byHash = new Dictionary<string, (Partner, PartnerCredential)>(StringComparer.Ordinal);
        foreach (var partner in list)
        {
            if (!byId.TryAdd(partner.Id.Value, partner))
            {
                throw new ArgumentException($"The partner id '{partner.Id}' appears twice.", nameof(partners));
            }

            foreach (var credential in partner.Credentials)
            {
                if (!byHash.TryAdd(credential.Hash, (partner, credential)))
                {
                    throw new ArgumentException($"The credential hash of '{partner.Id}/{credential.Id}' is used twice.", nameof(partners));
                }
            }
        }

        Partners = list;
        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
        _byHash = byHash.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every partner, in the order given.</summary>
    public IReadOnlyList<Partner> Partners { get; }

    /// <summary>A partner by id, or null.</summary>
    /// <param name="id">The partner id.</param>
    /// <returns>The partner, or <see langword="null"/>.</returns>
    public Partner? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Whether any registered partner holds a role.</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> when some partner holds it.</returns>
    public bool AnyHolds(string role) => Partners.Any(p => p.HasRole(role));

    /// <summary>Authenticates a bearer token at a moment.</summary>
    /// <param name="token">The token presented, or null when none was.</param>
    /// <param name="now">The current time, for expiry.</param>
    /// <returns>The outcome and, when accepted, the partner.</returns>
    internal AuthenticationResult Authenticate(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(AuthenticationOutcome.Missing);
        }

        if (!_byHash.TryGetValue(PartnerTokens.Hash(token), out var match))
        {
            return new(AuthenticationOutcome.Unknown);
        }

        // A revoked or expired credential names its partner and credential id for the hub's log; never for the caller.
        if (match.Credential.Revoked)
        {
            return new(AuthenticationOutcome.Revoked, match.Partner, match.Credential.Id);
        }

        return match.Credential.NotAfter is { } notAfter && now > notAfter
            ? new(AuthenticationOutcome.Expired, match.Partner, match.Credential.Id)
            : new(AuthenticationOutcome.Authenticated, match.Partner, match.Credential.Id);
    }
}
