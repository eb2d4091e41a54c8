using CityRisk.Storage;
using Xunit;

namespace CityRisk.Testing.Storage;

/// <summary>
/// What the contract suites of the optional store seams share (<see cref="IObservationStore"/>,
/// <see cref="IIncidentStore"/>, <see cref="IResourcePoolStore"/>, <see cref="IEnterpriseStore"/>): each test gets a new, empty store through
/// <see cref="CreateStoreAsync"/>, initialized before it and disposed after it.
/// </summary>
/// <typeparam name="TSeam">The seam the suite tests; the store must implement it.</typeparam>
public abstract class StoreSeamContract<TSeam> : IAsyncLifetime
    where TSeam : class
{
    private IExchangeStore? _store;

    /// <summary>The store under test, initialized, as the seam.</summary>
    protected TSeam Store => _store as TSeam ?? throw new InvalidOperationException($"The store is created in InitializeAsync and must implement {typeof(TSeam).Name}.");

    /// <summary>The store under test as the log.</summary>
    protected IExchangeStore Log => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Creates a new, empty store (an <see cref="IExchangeStore"/> that also implements <typeparamref name="TSeam"/>); the suite initializes it.</summary>
    /// <returns>The store, not yet initialized.</returns>
    protected abstract Task<IExchangeStore> CreateStoreAsync();

    /// <inheritdoc/>
    public virtual async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Cancel);
    }

    /// <inheritdoc/>
    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
