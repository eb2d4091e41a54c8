namespace CityRisk.Server.Partners;

/// <summary>Why a presented token was or was not accepted.</summary>
internal enum AuthenticationOutcome
{
    /// <summary>The token belongs to a partner and is valid.</summary>
    Authenticated,

    /// <summary>No bearer token was presented.</summary>
    Missing,

    /// <summary>No partner has this token.</summary>
    Unknown,

    /// <summary>The token was revoked.</summary>
    Revoked,

    /// <summary>The token is past its not-after time.</summary>
    Expired,
}

/// <summary>The outcome of authenticating a token, with the partner when the token is one of its credentials.</summary>
/// <param name="Outcome">What happened; only <see cref="AuthenticationOutcome.Authenticated"/> admits the call.</param>
/// <param name="Partner">The partner whose credential the token is (also when revoked or expired, for the hub's log).</param>
/// <param name="CredentialId">That credential's id.</param>
internal sealed record AuthenticationResult(AuthenticationOutcome Outcome, Partner? Partner = null, string? CredentialId = null);
