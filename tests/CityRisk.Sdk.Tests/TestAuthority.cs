using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityRisk.Sdk.Tests;

/// <summary>A private certificate authority made per test run, and a hub certificate it issued for 127.0.0.1 only.</summary>
internal static class TestAuthority
{
    private static readonly Lazy<(X509Certificate2 Authority, X509Certificate2 Hub)> Instance = new(Create);

    /// <summary>The CA's certificate (no private key): what a client is told to trust.</summary>
    public static X509Certificate2 Authority => Instance.Value.Authority;

    /// <summary>The hub's certificate with its private key, issued by <see cref="Authority"/>, for IP 127.0.0.1 (not "localhost").</summary>
    public static X509Certificate2 Hub => Instance.Value.Hub;

    private static (X509Certificate2, X509Certificate2) Create()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=CityRisk Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));

        using var hubKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hubRequest = new CertificateRequest("CN=hub.test", hubKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        hubRequest.CertificateExtensions.Add(names.Build());
        hubRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        hubRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = hubRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(hubKey);
        // Re-import so the private key is usable by SslStream on every platform.
        var hub = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert)), hub);
    }
}
