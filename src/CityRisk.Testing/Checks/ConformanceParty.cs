namespace CityRisk.Testing;

/// <summary>A party the checks act as: a partner registered at the endpoint, with a token and the CAP sender it may use.</summary>
public sealed record ConformanceParty
{
    /// <summary>The partner id (<c>foshan-em</c>).</summary>
    public required string PartnerId { get; init; }

    /// <summary>A bearer token the endpoint accepts for it.</summary>
    public required string Token { get; init; }

    /// <summary>A CAP <c>sender</c> value registered for it.</summary>
    public required string CapSender { get; init; }

    /// <summary>Its role, where the checks rely on one (the lifeline operator's <c>lifeline-operator</c>).</summary>
    public string? Role { get; init; }

    /// <summary>For the jurisdiction party: the six-digit GB/T 2260 division the endpoint makes it responsible for (incidents there are its to verify, dispatch and close).</summary>
    public string? Division { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{PartnerId} (token hidden)";
}
