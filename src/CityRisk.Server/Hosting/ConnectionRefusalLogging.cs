using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Hosting;

/// <summary>
/// Security event 1005: connections Kestrel refuses before any HTTP/2 request exists (the connection limit, a TLS
/// handshake that fails or times out, bytes that are not HTTP/2, a protocol error on the connection). Kestrel reports
/// these only in its own debug log, by event name; this provider listens to those few events (with a logging filter
/// that gives it Kestrel's debug level and nothing else) and forwards them, with the peer's address, to the
/// security log. The peer comes from a connection middleware that <c>AddCityRiskExchange</c> adds to every endpoint.
/// </summary>
internal sealed class ConnectionRefusalLogging(IServiceProvider services) : ILoggerProvider
{
    /// <summary>The category prefix of Kestrel's logs.</summary>
    public const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    /// <summary>Kestrel's event names for a refused connection, and what the security log says for each.</summary>
    private static readonly Dictionary<string, string> Refusals = new(StringComparer.Ordinal)
    {
        ["ConnectionRejected"] = "the connection limit was reached",
        ["AuthenticationFailed"] = "the TLS handshake failed",
        ["AuthenticationTimedOut"] = "the TLS handshake timed out",
        ["PossibleInvalidHttpVersionDetected"] = "it did not speak HTTP/2 (HTTP/1.x or other bytes)",
        ["ConnectionBadRequest"] = "it sent a malformed request",
        ["Http2ConnectionError"] = "an HTTP/2 protocol error on the connection",
    };

    private static readonly AsyncLocal<string?> ScopeConnection = new();

    /// <summary>The peer of each open connection, by Kestrel's connection id.</summary>
    public static ConcurrentDictionary<string, string> Peers { get; } = new(StringComparer.Ordinal);

    private SecurityLog? _security;

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(KestrelCategory, StringComparison.Ordinal) ? new Logger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    /// <summary>Kestrel connection middleware: remembers the peer while the connection is open.</summary>
    public static ConnectionDelegate TrackPeers(ConnectionDelegate next) => async connection =>
    {
        Peers[connection.ConnectionId] = connection.RemoteEndPoint?.ToString() ?? "-";
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Peers.TryRemove(connection.ConnectionId, out _);
        }
    };

    private void Forward(string reason, string? connectionId)
    {
        // Resolved at the first refusal, not at construction: the logger factory is still being built then.
        _security ??= services.GetService<ExchangeHost>()?.Security;
        var peer = connectionId is not null && Peers.TryGetValue(connectionId, out var address) ? address : "-";
        _security?.ConnectionRefused(reason, connectionId ?? "-", peer);
    }

    private sealed class Logger(ConnectionRefusalLogging owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            // Kestrel logs inside a scope that names the connection; events such as AuthenticationFailed carry it only there.
            if (ConnectionIdOf(state) is not { } id)
            {
                return null;
            }

            var outer = ScopeConnection.Value;
            ScopeConnection.Value = id;
            return new Restore(outer);
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name is { } name && Refusals.TryGetValue(name, out var reason))
            {
                owner.Forward(reason, ConnectionIdOf(state) ?? ScopeConnection.Value);
            }
        }

        private static string? ConnectionIdOf<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == "ConnectionId").Value?.ToString()
                : null;
    }

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose() => ScopeConnection.Value = outer;
    }
}
