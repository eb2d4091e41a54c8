namespace CityRisk.Client;

/// <summary>
/// A client registered with <c>AddCityRiskClient</c>: which hub it calls and as whom, with its
/// <see cref="CityRiskClientOptions"/>. Bound from one configuration section, flat:
/// <c>{ "Endpoint": "https://hub.example.cn:7443", "PartnerId": "foshan-em", "Token": "...", "Timeout": "00:00:10" }</c>.
/// Only dependency injection reads it; a client constructed directly takes the endpoint and credential as arguments.
/// </summary>
public sealed class CityRiskClientSettings : CityRiskClientOptions
{
    /// <summary>The hub's address (<c>https://hub.example.cn:7443</c>, or <c>http://127.0.0.1:5000</c> for cleartext on loopback).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The partner id the client calls as (<c>foshan-em</c>); see <see cref="CityRiskCredential"/>.</summary>
    public string? PartnerId { get; set; }

    /// <summary>The bearer token; keep it in a secret store or an environment variable, not in appsettings.json.</summary>
    public string? Token { get; set; }

    /// <summary>Every problem of the endpoint, partner and token, then of the options.</summary>
    internal IEnumerable<string> AllProblems()
    {
        if (Endpoint is null)
        {
            yield return "Endpoint is not set.";
        }
        else if (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
        {
            yield return $"Endpoint '{Endpoint}' must be an absolute http:// or https:// address.";
        }

        if (!PartyId.TryParse(PartnerId, out _))
        {
            yield return PartnerId is null ? "PartnerId is not set." : $"PartnerId '{PartnerId}' is not a partner id (lower-case letters, digits and '-').";
        }

        if (string.IsNullOrWhiteSpace(Token))
        {
            yield return "Token is not set.";
        }

        foreach (var problem in Problems())
        {
            yield return problem;
        }
    }
}
