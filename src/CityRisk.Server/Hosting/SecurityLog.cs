using CityRisk.Server.Partners;
using Microsoft.Extensions.Logging;

namespace CityRisk.Server.Hosting;

/// <summary>
/// The hub's security events, under the logger category <c>CityRisk.Server.Security</c> with stable event ids, so
/// operators can alert on them. Never a token or a payload.
/// </summary>
internal sealed partial class SecurityLog(ILogger logger)
{
    /// <summary>The logger category of security events.</summary>
    public const string Category = "CityRisk.Server.Security";

    public void AuthenticationRefused(string method, AuthenticationOutcome reason, string? partner, string? credential, string peer) =>
        LogAuthenticationRefused(logger, method, reason, partner ?? "-", credential ?? "-", peer);

    [LoggerMessage(EventId = 1001, EventName = "AuthenticationRefused", Level = LogLevel.Warning,
        Message = "Refused {Method}: credential {Reason} (partner {Partner}, credential id {CredentialId}) from {Peer}")]
    private static partial void LogAuthenticationRefused(ILogger logger, string method, AuthenticationOutcome reason, string partner, string credentialId, string peer);
}
