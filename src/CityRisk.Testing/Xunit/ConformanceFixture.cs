using Xunit;

namespace CityRisk.Testing;

/// <summary>
/// The endpoint a vendor's conformance tests run against, and the parties registered there. Subclass it: return
/// an endpoint you run, or start your exchange in <see cref="InitializeAsync"/>. One per test class
/// (<c>IClassFixture&lt;TFixture&gt;</c>), or shared through a collection.
/// </summary>
public abstract class ConformanceFixture : IAsyncLifetime
{
    private ConformanceContext? _context;

    /// <summary>The exchange under test.</summary>
    public abstract Uri Endpoint { get; }

    /// <summary>The parties registered there (see <see cref="ConformanceIdentities.LoadAsync"/>).</summary>
    public abstract ConformanceIdentities Identities { get; }

    /// <summary>The context the checks run in, made on first use.</summary>
    public ConformanceContext Context => _context ??= new ConformanceContext(Endpoint, Identities);

    /// <summary>Starts what the endpoint needs; nothing by default.</summary>
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Closes the context's connections; override to stop your exchange too (call the base).</summary>
    public virtual ValueTask DisposeAsync()
    {
        _context?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
