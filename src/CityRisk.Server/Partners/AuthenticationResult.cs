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

/// <summary>The outcome of authenticating a token, with the partner when it was accepted.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Partner">The partner, when authenticated.</param>
internal sealed record AuthenticationResult(AuthenticationOutcome Outcome, Partner? Partner = null);
