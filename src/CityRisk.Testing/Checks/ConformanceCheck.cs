namespace CityRisk.Testing;

/// <summary>
/// One check of the kit: a stable id (<c>PUB-002</c>), the rule it verifies (a docs/protocol.md section, sometimes with the gRPC or CAP
/// rule), its capability, what it checks, and its body, which runs against an endpoint as the parties of a
/// <see cref="ConformanceContext"/>. A failing body throws <see cref="ConformanceFailedException"/> saying what was expected
/// and what came back; <see cref="ConformanceSkippedException"/> when the endpoint's declared limits make it impossible.
/// </summary>
public sealed class ConformanceCheck
{
    internal ConformanceCheck(string id, ConformanceCapability capability, string rule, string title, Func<ConformanceContext, CancellationToken, Task> body)
    {
        Id = id;
        Capability = capability;
        Rule = rule;
        Title = title;
        Body = body;
    }

    /// <summary>The stable id: <c>WIRE-001</c>, <c>PUB-002</c> ...</summary>
    public string Id { get; }

    /// <summary>The capability the check belongs to.</summary>
    public ConformanceCapability Capability { get; }

    /// <summary>The rule verified: <c>docs/protocol.md §3.2 (duplicates)</c>.</summary>
    public string Rule { get; }

    /// <summary>What it checks, in a sentence.</summary>
    public string Title { get; }

    internal Func<ConformanceContext, CancellationToken, Task> Body { get; }

    /// <summary>Runs the check; throws <see cref="ConformanceFailedException"/> or <see cref="ConformanceSkippedException"/>.</summary>
    /// <param name="context">The endpoint and parties.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public Task RunAsync(ConformanceContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Body(context, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Title}";
}
