using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Tests.Storage;

/// <summary>The SQLite store against the kit's store contract suite, and what only SQLite has.</summary>
public sealed class SqliteExchangeStoreTests : DurableExchangeStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-store-").FullName;

    private string DatabasePath => Path.Combine(_folder, "hub.db");

    protected override Task<IExchangeStore> CreateStoreAsync(TimeProvider time) => Task.FromResult<IExchangeStore>(new SqliteExchangeStore(DatabasePath, time));

    protected override async Task<IExchangeStore> ReopenAsync(IExchangeStore store, TimeProvider time)
    {
        await store.DisposeAsync();
        return new SqliteExchangeStore(DatabasePath, time);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_at_the_current_schema_version()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Cancel);
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await mode.ExecuteScalarAsync(Cancel))!);
        Assert.Equal(SqliteMigrations.CurrentVersion, await SqliteMigrations.ReadVersionAsync(connection, Cancel));
    }

    [Fact]
    public async Task A_version_1_store_is_upgraded_in_place_and_keeps_its_messages()
    {
        await Store.DisposeAsync();
        var path = Path.Combine(_folder, "v1.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            using var create = connection.CreateCommand();
            // The first release's schema, as migration 1 wrote it, with one message.
            create.CommandText = """
                CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);
                CREATE TABLE messages (cursor INTEGER PRIMARY KEY AUTOINCREMENT, sender TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
                    entity_id TEXT NULL, revision INTEGER NOT NULL DEFAULT 0, content_hash BLOB NOT NULL, envelope BLOB NOT NULL,
                    stored_at INTEGER NOT NULL, expires_at INTEGER NULL, UNIQUE (sender, id));
                CREATE TABLE entities (kind TEXT NOT NULL, owner TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL, cursor INTEGER NOT NULL, PRIMARY KEY (kind, owner, id));
                INSERT INTO messages (sender, id, kind, content_hash, envelope, stored_at) VALUES ('foshan-em', 'old', 'alert', x'01', x'02', 0);
                """;
            await create.ExecuteNonQueryAsync(Cancel);
        }

        await using var upgraded = await SqliteExchangeStore.OpenAsync(path, Time, Cancel);
        var old = await upgraded.GetMessageAsync("foshan-em", "old", Cancel);
        Assert.NotNull(old);
        Assert.Null(old.Geometry);
        Assert.Equal(AppendResult.Appended(2), await upgraded.AppendAsync(Message("new") with { Geometry = [1, 2, 3] }, Cancel));
        Assert.Equal([1, 2, 3], (await upgraded.GetMessageAsync("foshan-em", "new", Cancel))!.Geometry);
    }

    [Fact]
    public async Task A_missing_folder_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ExchangeStoreException>(() => SqliteExchangeStore.OpenAsync(Path.Combine(_folder, "no", "such", "hub.db"), cancellationToken: Cancel));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_a_clear_error_and_is_left_alone()
    {
        var path = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(path, "this is not a database, it is a partner's notes file", Cancel);
        var error = await Assert.ThrowsAsync<ExchangeStoreException>(() => SqliteExchangeStore.OpenAsync(path, cancellationToken: Cancel));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("this is not a database, it is a partner's notes file", await File.ReadAllTextAsync(path, Cancel));
    }

    [Fact]
    public async Task A_store_from_a_newer_hub_is_refused_unchanged()
    {
        await Store.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Cancel);
            using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE schema_version SET version = 99";
            await bump.ExecuteNonQueryAsync(Cancel);
        }

        var error = await Assert.ThrowsAsync<ExchangeStoreException>(() => SqliteExchangeStore.OpenAsync(DatabasePath, cancellationToken: Cancel));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }
}
