using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Testing.Storage;

namespace CityRisk.Server.Tests.Storage;

/// <summary>The in-memory store against the kit's observation store contract.</summary>
public sealed class InMemoryObservationStoreContractTests : ObservationStoreContract
{
    protected override Task<IExchangeStore> CreateStoreAsync() => Task.FromResult<IExchangeStore>(new InMemoryExchangeStore());
}

/// <summary>The SQLite store against the kit's observation store contract, and its survival of a reopen.</summary>
public sealed class SqliteObservationStoreContractTests : ObservationStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-observations-").FullName;

    protected override Task<IExchangeStore> CreateStoreAsync() => Task.FromResult<IExchangeStore>(new SqliteExchangeStore(Path.Combine(_folder, "hub.db")));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Observations_and_series_survive_a_reopen()
    {
        await Store.RecordObservationsAsync([Reading(0, 1), Reading(1, 2, indicator: "tilt")], _ => [], Cancel);
        await using var reopened = await SqliteExchangeStore.OpenAsync(Path.Combine(_folder, "hub.db"), cancellationToken: Cancel);
        Assert.Equal([false, true], await reopened.RecordObservationsAsync([Reading(0, 9), Reading(2, 3)], _ => [], Cancel));
        Assert.Equal(3, (await reopened.QueryObservationsAsync(new ObservationQuery { HazardOwner = "hefei-lifeline", HazardId = "hf-bridge-0042" }, Cancel)).Count);
    }
}
