using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace CityRisk.Client;

/// <summary>
/// How a <see cref="CityRiskClient"/> behaves: deadlines, retries, the circuit breaker, reconnection, TLS trust and
/// validation. Plain settable properties with documented defaults, bindable from configuration; validated once,
/// when a client is created, with every error listed. Who the client is and which hub it calls are not options: a
/// client constructed directly takes them as arguments, one made by <c>AddCityRiskClient</c> reads them from
/// <see cref="CityRiskClientSettings"/>.
/// </summary>
public class CityRiskClientOptions
{
    /// <summary>The deadline of each attempt of a call (sent as grpc-timeout, so the hub stops too). Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of transient failures.</summary>
    public CityRiskRetryOptions Retry { get; set; } = new();

    /// <summary>The circuit breaker.</summary>
    public CityRiskCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>How subscriptions reconnect.</summary>
    public CityRiskReconnectOptions Reconnect { get; set; } = new();

    /// <summary>
    /// Whether a message is validated before it is published (default true): a payload with problems fails at once,
    /// offline, with the same <see cref="CityRiskException"/> and problem codes the hub would return.
    /// </summary>
    public bool ValidateBeforePublish { get; set; } = true;

    /// <summary>
    /// The document codecs the client writes and reads payloads with; <see cref="DocumentCodecs.Default"/> unless an
    /// application registers its own (other limits, say).
    /// </summary>
    public DocumentCodecs Codecs { get; set; } = DocumentCodecs.Default;

    /// <summary>
    /// A PEM or DER file with the certificate authority that issued the hub's certificate, for hubs whose certificate
    /// the system trust store does not know. Null (the default) uses the system trust store.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The certificate authority to trust, given as a certificate rather than a file; see <see cref="CaCertificatePath"/>.</summary>
    public X509Certificate2? CaCertificate { get; set; }

    /// <summary>The largest message the client sends or accepts, in bytes. Default 4 MiB (gRPC's default).</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The clock for retry backoff, the circuit breaker, reconnection delays and checkpoint times. Default
    /// <see cref="TimeProvider.System"/>. Deadlines are not on it: they travel as grpc-timeout and run on gRPC's clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs (reconnections, retries, refusals). Default none; DI sets the container's.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Every problem with these settings, by property path; empty when they are usable.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromDays(1))
        {
            problems.Add($"Timeout is {Timeout}; it must be positive and at most a day.");
        }

        if (MaxMessageBytes is < 1024 or > 256 * 1024 * 1024)
        {
            problems.Add($"MaxMessageBytes is {MaxMessageBytes}; it must be between 1 KiB and 256 MiB.");
        }

        if (CaCertificatePath is { } path && !File.Exists(path))
        {
            problems.Add($"CaCertificatePath '{path}' does not exist.");
        }

        if (CaCertificatePath is not null && CaCertificate is not null)
        {
            problems.Add("Give the CA either as CaCertificatePath or as CaCertificate, not both.");
        }

        problems.AddRange((Retry ?? new()).Problems(nameof(Retry)));
        problems.AddRange((CircuitBreaker ?? new()).Problems(nameof(CircuitBreaker)));
        problems.AddRange((Reconnect ?? new()).Problems(nameof(Reconnect)));
        return problems;
    }
}
