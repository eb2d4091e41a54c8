using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace CityRisk.Client;

/// <summary>
/// The <see cref="GrpcChannel"/> a <see cref="CityRiskClient"/> makes for itself, for applications that want the same
/// channel for their own calls, interceptors (<c>channel.Intercept(...)</c>) or several clients: HTTP/2 with several
/// connections when streams pile up, keep-alive pings, the options' message size limit, and TLS that trusts the
/// system store or only the options' certificate authority (the host name is always checked).
/// </summary>
public static class CityRiskChannel
{
    /// <summary>Creates a channel to a hub.</summary>
    /// <param name="endpoint">The hub: <c>https://</c> (HTTP/2 over TLS), or <c>http://</c> for cleartext HTTP/2 (loopback and tests).</param>
    /// <param name="options">Message size, TLS trust and logging; defaults when null.</param>
    /// <returns>A channel the caller owns and disposes.</returns>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) address, the options are invalid, or the CA file is not a certificate.</exception>
    public static GrpcChannel Create(Uri endpoint, CityRiskClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new CityRiskClientOptions();
        CheckEndpoint(endpoint);
        CheckOptions(options);
        return GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = CreateHttpHandler(options),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            LoggerFactory = options.LoggerFactory,
            // Not true: it would turn DEADLINE_EXCEEDED into OperationCanceledException too. The client maps a cancellation by
            // the caller to OperationCanceledException itself.
            ThrowOperationCanceledOnCancellation = false,
        });
    }

    /// <summary>
    /// The HTTP handler of <see cref="Create"/>: for raw HTTP/2 calls that must reach a hub exactly as the client does
    /// (the conformance kit's malformed-frame checks).
    /// </summary>
    /// <param name="options">TLS trust; defaults when null.</param>
    /// <returns>A handler the caller owns.</returns>
    /// <exception cref="ArgumentException">The CA file is not a certificate.</exception>
    public static SocketsHttpHandler CreateHttpHandler(CityRiskClientOptions? options = null)
    {
        options ??= new CityRiskClientOptions();
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        var authority = options.CaCertificate ?? (options.CaCertificatePath is { } path ? LoadAuthority(path) : null);
        if (authority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CustomRootTrust.Validator(authority);
        }

        return handler;
    }

    internal static void CheckEndpoint(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http:// (cleartext HTTP/2) or https:// (HTTP/2 over TLS) address.", nameof(endpoint));
        }
    }

    internal static void CheckOptions(CityRiskClientOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The client options are invalid: {string.Join(" ", problems)}", nameof(options));
        }
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"CaCertificatePath '{path}' is not a readable certificate (PEM or DER): {ex.Message}", ex);
        }
    }
}
