using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Testing.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

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

    /// <summary>
    /// Pages judge "the revision is still in the log" from its cursor, which holds because retention prunes only from
    /// the log's start: a message stored before the cutoff but after a younger one (the clock stepped back) stays.
    /// </summary>
    [Fact]
    public async Task Retention_prunes_only_from_the_start_of_the_log()
    {
        var time = new SettableTime(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = await OpenAsync("prefix.db", time);
        var start = time.Now;
        await store.AppendEnterpriseProfileAsync(Revision("enterprise-profile", "foshan-yjj", "OLD", 1), Facts("OLD"), Cancel);
        time.Now = start.AddDays(10);
        await store.AppendEnterpriseProfileAsync(Revision("enterprise-profile", "foshan-yjj", "YOUNG", 1), Facts("YOUNG"), Cancel);
        time.Now = start; // the clock stepped back
        await store.AppendEnterpriseProfileAsync(Revision("enterprise-profile", "foshan-yjj", "STEPPED", 1), Facts("STEPPED"), Cancel);

        Assert.Equal(1, await store.PruneAsync(start.AddDays(5), Cancel));
        Assert.Equal([2L, 3], (await store.ReadAfterAsync(0, 10, Cancel)).Select(m => m.Cursor));
        Assert.Equal(["STEPPED", "YOUNG"], await IdsAsync(store));

        Assert.Equal(2, await store.PruneAsync(start.AddDays(11), Cancel));
        Assert.Empty(await IdsAsync(store));
        Assert.Equal(0, await store.CountEnterprisesAsync(Regulator(), Cancel));
    }

    /// <summary>A log with gaps (pruned by time alone, by an earlier hub) is looked up below its last cursor, so a profile whose revision fell in a gap is still not read.</summary>
    [Fact]
    public async Task A_log_pruned_with_gaps_before_still_hides_what_it_lost()
    {
        await using (var store = await OpenAsync("gaps.db"))
        {
            foreach (var id in new[] { "A", "B", "C" })
            {
                await store.AppendEnterpriseProfileAsync(Revision("enterprise-profile", "foshan-yjj", id, 1), Facts(id), Cancel);
            }
        }

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "gaps.db")}"))
        {
            await connection.OpenAsync(Cancel);
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM messages WHERE cursor = 2";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(Cancel));
        }

        await using var reopened = await OpenAsync("gaps.db");
        Assert.Equal(["A", "C"], await IdsAsync(reopened));
        Assert.Equal(2, await reopened.CountEnterprisesAsync(Regulator(), Cancel));
        await reopened.AppendEnterpriseProfileAsync(Revision("enterprise-profile", "foshan-yjj", "D", 1), Facts("D"), Cancel);
        Assert.Equal(["A", "C", "D"], await IdsAsync(reopened));
    }

    private static EnterpriseQuery Regulator() => new() { Reader = "foshan-yjj", Own = true, At = DateTimeOffset.UtcNow, Limit = 100 };

    private static async Task<string[]> IdsAsync(SqliteExchangeStore store) =>
        [.. (await store.QueryEnterprisesAsync(Regulator() with { ByScore = false }, Cancel)).Select(r => r.Facts.Id)];

    private async Task<SqliteExchangeStore> OpenAsync(string file, TimeProvider? time = null)
    {
        var store = new SqliteExchangeStore(Path.Combine(_folder, file), time);
        await store.InitializeAsync(Cancel);
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A clock a test sets, backwards too.</summary>
internal sealed class SettableTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
