using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Testing.Storage;

namespace CityRisk.Server.Tests.Storage;

/// <summary>The in-memory store against the kit's enterprise store contract.</summary>
public sealed class InMemoryEnterpriseStoreContractTests : EnterpriseStoreContract
{
    protected override Task<IExchangeStore> CreateStoreAsync() => Task.FromResult<IExchangeStore>(new InMemoryExchangeStore());
}

/// <summary>The SQLite store against the kit's enterprise store contract.</summary>
public sealed class SqliteEnterpriseStoreContractTests : EnterpriseStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-enterprises-").FullName;

    protected override Task<IExchangeStore> CreateStoreAsync() => Task.FromResult<IExchangeStore>(new SqliteExchangeStore(Path.Combine(_folder, "hub.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
