using System.Security.Cryptography.X509Certificates;
using CityRisk.Alerts;
using CityRisk.Wire;

namespace CityRisk.Client;

/// <summary>
/// A connection to a CityRisk hub as one partner: alerts now, and the hazards, incidents, resources and enterprise
/// profiles sub-clients as those workflows join the standard. Create one per hub and keep it for the life of the
/// application: it is thread-safe, keeps no per-call state, and pools its HTTP/2 connections. Dispose it to close them.
/// </summary>
public class CityRiskClient : IDisposable
{
    private readonly ClientPipeline? _pipeline;
    private readonly AlertClient? _alerts;

    /// <summary>For mocking: every member is virtual.</summary>
    protected CityRiskClient()
    {
    }

    /// <summary>Connects to a hub with the default options.</summary>
    /// <param name="endpoint">The hub's address: <c>https://</c> (HTTP/2 over TLS), or <c>http://</c> for cleartext HTTP/2 (loopback and tests).</param>
    /// <param name="credential">The partner id and token to act as.</param>
    public CityRiskClient(Uri endpoint, CityRiskCredential credential)
        : this(endpoint, credential, new CityRiskClientOptions())
    {
    }

    /// <summary>Connects to a hub.</summary>
    /// <param name="endpoint">The hub's address: <c>https://</c> (HTTP/2 over TLS), or <c>http://</c> for cleartext HTTP/2 (loopback and tests).</param>
    /// <param name="credential">The partner id and token to act as.</param>
    /// <param name="options">Deadlines, retries, circuit breaker, reconnection and TLS trust.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) address, or the options are invalid (every error is listed).</exception>
    public CityRiskClient(Uri endpoint, CityRiskCredential credential, CityRiskClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http:// or https:// address.", nameof(endpoint));
        }

        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The client options are invalid: {string.Join(" ", problems)}", nameof(options));
        }

        var invoker = new HttpGrpcCallInvoker(endpoint, CreateHandler(options), options.MaxMessageBytes, options.MaxMessageBytes);
        _pipeline = new ClientPipeline(endpoint, credential, options, invoker, invoker);
        _alerts = new AlertClient(_pipeline);
    }

    /// <summary>A client over another call layer (tests, benchmarks).</summary>
    internal CityRiskClient(Uri endpoint, CityRiskCredential credential, CityRiskClientOptions options, IGrpcCallInvoker invoker)
    {
        _pipeline = new ClientPipeline(endpoint, credential, options, invoker, null);
        _alerts = new AlertClient(_pipeline);
    }

    /// <summary>The hub's address.</summary>
    public virtual Uri Endpoint => Pipeline.Endpoint;

    /// <summary>The partner this client acts as.</summary>
    public virtual string PartnerId => Pipeline.Credential.PartnerId;

    /// <summary>Alerts: publish, get, query, subscribe.</summary>
    public virtual AlertClient Alerts => _alerts ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

    private ClientPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

    /// <summary>Closes the client's connections.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the client's connections.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pipeline?.Dispose();
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

    private static SocketsHttpHandler CreateHandler(CityRiskClientOptions options)
    {
        var handler = HttpGrpcCallInvoker.CreateHandler(null);
        var authority = options.CaCertificate ?? (options.CaCertificatePath is { } path ? LoadAuthority(path) : null);
        if (authority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CustomRootTrust.Validator(authority);
        }

        return handler;
    }
}
