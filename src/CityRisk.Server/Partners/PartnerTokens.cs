using System.Security.Cryptography;
using System.Text;

namespace CityRisk.Server.Partners;

/// <summary>
/// Bearer tokens for partners: 256 random bits, written <c>crk_</c> + Base64url. The partners file keeps only
/// <c>sha256:</c> + Base64 of the token's SHA-256; a fast hash is right for random secrets of this length
/// (a slow password hash protects guessable secrets, which these are not).
/// </summary>
public static class PartnerTokens
{
    /// <summary>The prefix of every token, so they are recognisable in logs and secret scanners.</summary>
    public const string Prefix = "crk_";

    /// <summary>The prefix of every stored hash.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>Creates a new random token.</summary>
    /// <returns>The token; show it once and store only its hash.</returns>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash the partners file stores for a token.</summary>
    /// <param name="token">The token.</param>
    /// <returns><c>sha256:</c> and the Base64 of the token's SHA-256.</returns>
    public static string Hash(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return HashPrefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
