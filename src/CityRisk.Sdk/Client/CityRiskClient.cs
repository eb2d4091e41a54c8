using CityRisk.Alerts;
using CityRisk.Hazards;
using CityRisk.Incidents;
using Grpc.Core;

namespace CityRisk.Client;

/// <summary>
/// A connection to a CityRisk hub as one partner: alerts now, and the hazards, incidents, resources and enterprise
/// profiles sub-clients as those workflows join the standard. Create one per hub and keep it for the life of the
/// application: it is thread-safe, keeps no per-call state, and pools its HTTP/2 connections (one <see cref="Grpc.Net.Client.GrpcChannel"/>). Dispose it to close them.
/// </summary>
public class CityRiskClient : IDisposable
{
    private readonly ClientPipeline? _pipeline;
    private readonly AlertClient? _alerts;
    private readonly HazardClient? _hazards;
    private readonly IncidentClient? _incidents;
    private readonly Resources.ResourceClient? _resources;
    private readonly Enterprises.EnterpriseClient? _enterprises;

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
        var channel = CityRiskChannel.Create(endpoint, options);
        _pipeline = new ClientPipeline(endpoint, credential, options, channel.CreateCallInvoker(), channel);
        _alerts = new AlertClient(_pipeline);
        _hazards = new HazardClient(_pipeline);
        _incidents = new IncidentClient(_pipeline);
        _resources = new Resources.ResourceClient(_pipeline);
        _enterprises = new Enterprises.EnterpriseClient(_pipeline);
    }

    /// <summary>
    /// A client over a call invoker the application owns: a <see cref="Grpc.Net.Client.GrpcChannel"/>'s
    /// (<c>channel.CreateCallInvoker()</c>), one with interceptors (<c>channel.Intercept(...)</c>), or an in-memory one in
    /// tests. The channel's own settings (TLS, message size) apply, not the options'; disposing the client leaves the
    /// channel open.
    /// </summary>
    /// <param name="callInvoker">Where calls go.</param>
    /// <param name="endpoint">The hub's address, which names it: subscription checkpoints are kept per hub.</param>
    /// <param name="credential">The partner id and token to act as.</param>
    /// <param name="options">Deadlines, retries, circuit breaker and reconnection; defaults when null.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) address, or the options are invalid (every error is listed).</exception>
    public CityRiskClient(CallInvoker callInvoker, Uri endpoint, CityRiskCredential credential, CityRiskClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new CityRiskClientOptions();
        CityRiskChannel.CheckEndpoint(endpoint);
        CityRiskChannel.CheckOptions(options);
        _pipeline = new ClientPipeline(endpoint, credential, options, callInvoker, null);
        _alerts = new AlertClient(_pipeline);
        _hazards = new HazardClient(_pipeline);
        _incidents = new IncidentClient(_pipeline);
        _resources = new Resources.ResourceClient(_pipeline);
        _enterprises = new Enterprises.EnterpriseClient(_pipeline);
    }

    /// <summary>The hub's address.</summary>
    public virtual Uri Endpoint => Pipeline.Endpoint;

    /// <summary>The partner this client acts as.</summary>
    public virtual string PartnerId => Pipeline.Credential.PartnerId;

    /// <summary>Alerts: publish, get, query, subscribe.</summary>
    public virtual AlertClient Alerts => _alerts ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

    /// <summary>Hazards: register, revise, get, query, subscribe, record observations, read their status.</summary>
    public virtual HazardClient Hazards => _hazards ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

    /// <summary>Incidents: report, take the steps of the closed loop, get with history, query, subscribe, statistics.</summary>
    public virtual IncidentClient Incidents => _incidents ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

    /// <summary>Resource pooling: publish resources, request, offer, commit, report deployment, release, query the pool, subscribe.</summary>
    public virtual Resources.ResourceClient Resources => _resources ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

    /// <summary>Enterprise risk: profiles and grants (regulators), reads under grants, indicators and the CSV export (insurers), the audit of reads.</summary>
    public virtual Enterprises.EnterpriseClient Enterprises => _enterprises ?? throw new InvalidOperationException("This CityRiskClient was made for mocking and is not connected to a hub.");

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
}
