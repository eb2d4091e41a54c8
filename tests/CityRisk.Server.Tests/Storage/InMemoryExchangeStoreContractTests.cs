using CityRisk.Storage;
using CityRisk.Testing.Storage;

namespace CityRisk.Server.Tests.Storage;

/// <summary>The in-memory store against the kit's store contract suite.</summary>
public sealed class InMemoryExchangeStoreContractTests : ExchangeStoreContract
{
    protected override Task<IExchangeStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IExchangeStore>(new InMemoryExchangeStore(time));
}
