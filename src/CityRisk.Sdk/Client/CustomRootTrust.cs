using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CityRisk.Client;

/// <summary>
/// Trusting a private certificate authority for a hub: the hub's certificate must chain to the given CA and name
/// the host. The system store is not consulted (a private CA usually is not in it); every other check stays.
/// </summary>
internal static class CustomRootTrust
{
    public static RemoteCertificateValidationCallback Validator(X509Certificate2 authority) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    };
}
