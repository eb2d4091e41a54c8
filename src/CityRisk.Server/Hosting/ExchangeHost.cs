using System.Diagnostics.Metrics;
using CityRisk.Server.Exchange;
using CityRisk.Server.Geo;
using CityRisk.Server.Hazards;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using Grpc.Core;
using Grpc.HealthCheck;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CityRisk.Server.Hosting;

/// <summary>
/// Runs an exchange inside an ASP.NET Core host: opens the store and the partners at start (a bad store path or
/// partners file fails the start with a clear error), keeps the health service told of the store's health, and
/// prunes under the retention setting.
/// </summary>
internal sealed partial class ExchangeHost : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly CityRiskExchangeOptions _options;
    private readonly ILogger<ExchangeHost> _logger;
    private readonly TimeProvider _time;
    private readonly DocumentCodecs _codecs;
    private readonly IExchangeStore? _registeredStore;
    private readonly SecurityLog _security;
    private readonly ILoggerFactory _loggers;
    private readonly ExchangeTelemetry _telemetry;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _applicationStopping;
    private Started? _started;
    private Task? _maintenance;

    public ExchangeHost(IOptions<CityRiskExchangeOptions> options, ILogger<ExchangeHost> logger, ILoggerFactory? loggers = null, TimeProvider? time = null, IMeterFactory? meters = null, IHostApplicationLifetime? lifetime = null, DocumentCodecs? codecs = null, IExchangeStore? store = null)
    {
        _registeredStore = store;
        _codecs = codecs ?? DocumentCodecs.Default;
        _options = options.Value;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _security = new SecurityLog(_loggers.CreateLogger(SecurityLog.Category), _time);
        _telemetry = new ExchangeTelemetry(meters);
        _applicationStopping = lifetime?.ApplicationStopping ?? default;
        Health.SetStatus(string.Empty, ServingStatus.NotServing);
        Health.SetStatus(ExchangeService.ServiceName, ServingStatus.NotServing);
    }

    /// <summary>The standard grpc.health.v1 service (Grpc.HealthCheck), told of the store's health.</summary>
    public HealthServiceImpl Health { get; } = new();

    /// <summary>The security log, for the events raised outside the exchange (the transport's refusals).</summary>
    public SecurityLog Security => _security;

    /// <summary>Live subscriptions now (for tests and telemetry).</summary>
    public int LiveSubscriptions => _started?.Recent.LiveCount ?? 0;

    public ExchangeService Exchange => Current.Exchange;

    public SubscriptionService Subscriptions => Current.Subscriptions;

    public HazardMonitor Monitor => Current.Monitor;

    public Incidents.IncidentStatisticsService Incidents => Current.Incidents;

    public Resources.ResourcePoolService Pool => Current.Pool;

    public Enterprises.EnterpriseService Enterprises => Current.Enterprises;

    private Started Current => _started ?? throw ExchangeService.Fail(StatusCode.Unavailable, "The exchange is starting or stopping; try again.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = await OpenStoreAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var partners = _options.Partners ?? await PartnersFile.LoadAsync(_options.PartnersFile!, cancellationToken).ConfigureAwait(false);
            var recent = new RecentMessages(_options.RecentMessageCapacity);
            recent.StartAfter(await store.GetLastCursorAsync(cancellationToken).ConfigureAwait(false));
            var geocodes = _options.GeocodeTableFile is null ? GeocodeTable.Default : GeocodeTable.Load(_options.GeocodeTableFile);
            var exchange = new ExchangeService(store, partners, _time, recent, _telemetry, geocodes, _codecs, _security);
            var monitor = new HazardMonitor(exchange, store, MonitorPartnerOf(partners), _time, _loggers.CreateLogger<HazardMonitor>(), _telemetry);
            await monitor.ResumeAsync(cancellationToken).ConfigureAwait(false);
            _started = new Started(store, recent, exchange, new SubscriptionService(exchange, store, recent, _time, _options.MaxSubscriberLag, _telemetry, _applicationStopping), monitor,
                new Incidents.IncidentStatisticsService(exchange, store, _time), new Resources.ResourcePoolService(exchange, store, _time),
                new Enterprises.EnterpriseService(exchange, store, _time));
            LogStarted(_logger, StoreName, partners.Partners.Count, recent.LastCursor);
        }
        catch when (_registeredStore is null)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await RefreshHealthAsync(cancellationToken).ConfigureAwait(false);
        _maintenance = Task.Run(() => MaintainAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Health.SetStatus(string.Empty, ServingStatus.NotServing);
        Health.SetStatus(ExchangeService.ServiceName, ServingStatus.NotServing);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_maintenance is not null)
        {
            await _maintenance.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        _telemetry.Dispose();
        var started = Interlocked.Exchange(ref _started, null);
        started?.Monitor.Dispose();
        if (started is not null && _registeredStore is null)
        {
            await started.Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The store registered as a service (the container owns it), or the one <see cref="CityRiskExchangeOptions.Store"/> names (this host owns it).</summary>
    private async Task<IExchangeStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var store = _registeredStore ?? (_options.Store == "memory" ? new InMemoryExchangeStore(_time) : new SqliteExchangeStore(_options.Store["sqlite:".Length..], _time));
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch when (_registeredStore is null)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string StoreName => _registeredStore?.GetType().Name ?? _options.Store;

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var nextPrune = _time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(HealthInterval, _time, cancellationToken).ConfigureAwait(false);
                await RefreshHealthAsync(cancellationToken).ConfigureAwait(false);
                if (_options.Retention is { } retention && _time.GetUtcNow() >= nextPrune)
                {
                    var pruned = await Current.Store.PruneAsync(_time.GetUtcNow() - retention, cancellationToken).ConfigureAwait(false);
                    LogPruned(_logger, pruned, retention);
                }

                if (_time.GetUtcNow() >= nextPrune)
                {
                    if (_options.ObservationRetention is { } keep && Current.Store is IObservationStore observations)
                    {
                        var pruned = await observations.PruneObservationsAsync(_time.GetUtcNow() - keep, cancellationToken).ConfigureAwait(false);
                        LogObservationsPruned(_logger, pruned, keep);
                    }

                    nextPrune = _time.GetUtcNow() + PruneInterval;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogMaintenanceFailed(_logger, ex);
            }
        }
    }

    private async Task RefreshHealthAsync(CancellationToken cancellationToken)
    {
        var (healthy, description) = await Current.Store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var status = healthy ? ServingStatus.Serving : ServingStatus.NotServing;
        Health.SetStatus(string.Empty, status);
        Health.SetStatus(ExchangeService.ServiceName, status);
        if (!healthy)
        {
            LogStoreUnhealthy(_logger, description);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CityRisk exchange started: store {Store}, {Partners} partners, log at cursor {Cursor}")]
    private static partial void LogStarted(ILogger logger, string store, int partners, long cursor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention pruned {Count} messages older than {Retention}")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention pruned {Count} observations observed more than {Retention} ago")]
    private static partial void LogObservationsPruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Error, Message = "The store is unhealthy: {Description}")]
    private static partial void LogStoreUnhealthy(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Error, Message = "Exchange maintenance failed; it will try again")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);

    /// <summary>The partner the monitor publishes warnings as (<see cref="CityRiskExchangeOptions.MonitorPartner"/>): it must be registered with a CAP sender.</summary>
    private Partner? MonitorPartnerOf(PartnerRegistry partners)
    {
        if (_options.MonitorPartner is not { } id)
        {
            LogNoMonitorPartner(_logger);
            return null;
        }

        return partners.Find(id) is { CapSenders.Count: > 0 } partner
            ? partner
            : throw new InvalidOperationException($"MonitorPartner '{id}' must be a partner in the partners file with at least one CAP sender: the hub publishes hazards' warnings as that partner.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MonitorPartner is set: hazards' observations are recorded and evaluated, but no warnings are published")]
    private static partial void LogNoMonitorPartner(ILogger logger);

    private sealed record Started(IExchangeStore Store, RecentMessages Recent, ExchangeService Exchange, SubscriptionService Subscriptions, HazardMonitor Monitor, Incidents.IncidentStatisticsService Incidents, Resources.ResourcePoolService Pool, Enterprises.EnterpriseService Enterprises);
}
