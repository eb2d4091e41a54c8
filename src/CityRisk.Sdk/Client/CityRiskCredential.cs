namespace CityRisk.Client;

/// <summary>
/// Who the client acts for: the partner id the hub registered and one of its bearer tokens. The token can be
/// replaced while the client runs (rotation): calls after <see cref="UpdateToken"/> use the new one.
/// </summary>
public sealed class CityRiskCredential
{
    private volatile string _token;

    /// <summary>Creates a credential.</summary>
    /// <param name="partnerId">The partner id the hub registered (<c>foshan-em</c>); every message is published as it.</param>
    /// <param name="token">A bearer token the hub holds a hash of (<c>cityrisk partners add</c> makes one).</param>
    /// <exception cref="ArgumentException">The partner id is not a valid party id, or the token is empty.</exception>
    public CityRiskCredential(string partnerId, string token)
    {
        if (!PartyId.TryParse(partnerId, out var id))
        {
            throw new ArgumentException($"'{partnerId}' is not a partner id: use lower-case letters, digits and '-' (like 'foshan-em').", nameof(partnerId));
        }

        PartnerId = id.Value;
        _token = CheckToken(token, nameof(token));
    }

    /// <summary>The partner id every call is made as.</summary>
    public string PartnerId { get; }

    /// <summary>Replaces the token, for rotation; calls started afterwards use the new one.</summary>
    /// <param name="token">The new bearer token.</param>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public void UpdateToken(string token) => _token = CheckToken(token, nameof(token));

    /// <summary>The authorization header value of the current token.</summary>
    internal string AuthorizationHeader => $"Bearer {_token}";

    /// <inheritdoc/>
    public override string ToString() => $"{PartnerId} (token hidden)";

    private static string CheckToken(string token, string parameter)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The token is empty or contains whitespace.", parameter);
        }

        return token;
    }
}
