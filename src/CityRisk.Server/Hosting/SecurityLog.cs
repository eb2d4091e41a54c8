using CityRisk.Server.Partners;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Hosting;

/// <summary>
/// The hub's security events, under the logger category <c>CityRisk.Server.Security</c> with stable event ids, so
/// operators can alert on them (docs/operations.md, "Security log"). Never a token or a payload. Each event is
/// limited to <see cref="MaxPerWindow"/> a second; what a flood suppresses is counted and reported once the next
/// event of that kind is logged.
/// </summary>
internal sealed partial class SecurityLog(ILogger logger, TimeProvider time)
{
    /// <summary>The logger category of security events.</summary>
    public const string Category = "CityRisk.Server.Security";

    /// <summary>The most events of one id logged per one-second window.</summary>
    public const int MaxPerWindow = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, Window> _windows = [];

    public void AuthenticationRefused(string method, AuthenticationOutcome reason, string? partner, string? credential, string peer)
    {
        if (Admit(1001, "AuthenticationRefused"))
        {
            LogAuthenticationRefused(logger, method, reason, partner ?? "-", credential ?? "-", peer);
        }
    }

    public void CallRefused(string method, Grpc.Core.StatusCode status, string reason, string? partner, string peer)
    {
        if (Admit(1002, "CallRefused"))
        {
            LogCallRefused(logger, method, status, reason, partner ?? "-", peer);
        }
    }

    public void TransportRefused(string path, Grpc.Core.StatusCode status, string reason, string peer)
    {
        if (Admit(1004, "TransportRefused"))
        {
            LogTransportRefused(logger, path, status, reason.Length <= 200 ? reason : reason[..200], peer);
        }
    }

    public void ConnectionRefused(string reason, string connectionId, string peer)
    {
        if (Admit(1005, "ConnectionRefused"))
        {
            LogConnectionRefused(logger, reason, connectionId, peer);
        }
    }

    public void AudienceUnknown(string sender, string id, string fields)
    {
        if (Admit(1003, "AudienceUnknown"))
        {
            LogAudienceUnknown(logger, sender, id, fields);
        }
    }

    /// <summary>Whether an event may be logged now; reports what was suppressed in the window before.</summary>
    private bool Admit(int eventId, string name)
    {
        var now = time.GetUtcNow();
        int suppressed;
        lock (_lock)
        {
            if (!_windows.TryGetValue(eventId, out var window) || now - window.Start >= TimeSpan.FromSeconds(1))
            {
                suppressed = window?.Suppressed ?? 0;
                _windows[eventId] = new Window(now) { Count = 1 };
            }
            else if (window.Count < MaxPerWindow)
            {
                window.Count++;
                return true;
            }
            else
            {
                window.Suppressed++;
                return false;
            }
        }

        if (suppressed > 0)
        {
            LogSuppressed(logger, suppressed, name);
        }

        return true;
    }

    [LoggerMessage(EventId = 1001, EventName = "AuthenticationRefused", Level = LogLevel.Warning,
        Message = "Refused {Method}: credential {Reason} (partner {Partner}, credential id {CredentialId}) from {Peer}")]
    private static partial void LogAuthenticationRefused(ILogger logger, string method, AuthenticationOutcome reason, string partner, string credentialId, string peer);

    [LoggerMessage(EventId = 1002, EventName = "CallRefused", Level = LogLevel.Warning,
        Message = "Refused {Method} with {Status}: {Reason} (partner {Partner}) from {Peer}")]
    private static partial void LogCallRefused(ILogger logger, string method, Grpc.Core.StatusCode status, string reason, string partner, string peer);

    [LoggerMessage(EventId = 1003, EventName = "AudienceUnknown", Level = LogLevel.Warning,
        Message = "{Sender}/{Id} was stored with an audience no registered partner matches ({Fields}): it may reach nobody")]
    private static partial void LogAudienceUnknown(ILogger logger, string sender, string id, string fields);

    [LoggerMessage(EventId = 1004, EventName = "TransportRefused", Level = LogLevel.Warning,
        Message = "Refused {Path} with {Status} before the exchange saw it: {Reason} from {Peer}")]
    private static partial void LogTransportRefused(ILogger logger, string path, Grpc.Core.StatusCode status, string reason, string peer);

    [LoggerMessage(EventId = 1005, EventName = "ConnectionRefused", Level = LogLevel.Warning,
        Message = "Refused a connection before any request: {Reason} (connection {ConnectionId}) from {Peer}")]
    private static partial void LogConnectionRefused(ILogger logger, string reason, string connectionId, string peer);

    [LoggerMessage(EventId = 1999, EventName = "SecurityEventsSuppressed", Level = LogLevel.Warning,
        Message = "{Count} {EventName} events were not logged in the last second (more than the limit a second)")]
    private static partial void LogSuppressed(ILogger logger, int count, string eventName);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public int Count { get; set; }

        public int Suppressed { get; set; }
    }
}
