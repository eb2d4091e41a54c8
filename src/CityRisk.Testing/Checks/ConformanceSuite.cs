namespace CityRisk.Testing;

/// <summary>Every check of the kit, in a stable order: by capability, then by id.</summary>
public static class ConformanceSuite
{
    private static readonly Lazy<IReadOnlyList<ConformanceCheck>> Checks = new(() =>
        [.. new[] { WireChecks.All(), PublishChecks.All(), QueryChecks.All(), SubscribeChecks.All(), ScopeChecks.All(), HazardChecks.All(), IncidentChecks.All(), ResourceChecks.All(), EnterpriseChecks.All() }
            .SelectMany(checks => checks)
            .OrderBy(c => c.Capability)
            .ThenBy(c => c.Id, StringComparer.Ordinal)]);

    /// <summary>All checks.</summary>
    public static IReadOnlyList<ConformanceCheck> All => Checks.Value;

    /// <summary>The checks of one capability.</summary>
    /// <param name="capability">The capability.</param>
    public static IReadOnlyList<ConformanceCheck> Of(ConformanceCapability capability) => [.. All.Where(c => c.Capability == capability)];

    /// <summary>A check by id.</summary>
    /// <param name="id">The id (<c>PUB-002</c>).</param>
    /// <exception cref="KeyNotFoundException">No check has that id.</exception>
    public static ConformanceCheck Get(string id) => All.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"The kit has no check '{id}'.");
}
