namespace CityRisk.Server.InMemory;

/// <summary>A partner of a <see cref="FakeExchange"/>: its id, roles, and the CAP sender values it may publish with.</summary>
/// <param name="Id">The partner id (<c>foshan-em</c>).</param>
/// <param name="Roles">Its roles (<c>city</c>, <c>lifeline-operator</c> ...).</param>
/// <param name="CapSenders">The CAP <c>sender</c> values registered for it.</param>
public sealed record FakeExchangePartner(string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> CapSenders)
{
    /// <summary>The GB/T 2260 divisions it is responsible for (incidents there are its to verify and dispatch); none by default.</summary>
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>The mutual-aid groups it belongs to (<c>group:&lt;name&gt;</c> audiences reach it); none by default.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
}
