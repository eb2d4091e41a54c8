using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode with full synchronous commits, so nothing
/// acknowledged is lost when the hub process stops. Appends go through one writer connection, one at a time
/// (SQLite has one writer anyway); reads use pooled connections and run alongside.
/// </summary>
public sealed partial class SqliteExchangeStore : IExchangeStore, IObservationStore, IIncidentStore, IResourcePoolStore, IEnterpriseStore
{
    private readonly string _fullPath;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;
    private long _gapsUntil;
    private SqliteConnection? _writer;
    private int _disposed;

    /// <summary>Creates the store for a file path; <see cref="InitializeAsync"/> opens (creating if needed) and migrates it.</summary>
    /// <param name="path">The database file; relative paths are taken from the current directory.</param>
    /// <param name="time">The clock for stored-at times; the system clock when null.</param>
    public SqliteExchangeStore(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _fullPath = Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Opens (creating if needed) the store at a file path and brings its schema up to date.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="time">The clock for stored-at times; the system clock when null.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ExchangeStoreException">The file cannot be opened or created, or was written by a newer hub.</exception>
    public static async Task<SqliteExchangeStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var store = new SqliteExchangeStore(path, time);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The writer's settings. Besides WAL with a sync at every commit: a 64 MiB page cache, so the leaf pages that
    /// observations, the log and its indexes keep writing stay in memory between transactions; and a checkpoint every
    /// 10,000 WAL pages (about 40 MiB) instead of 1,000, so a page written in many transactions in a row is copied to
    /// the database at one checkpoint rather than at several on the way (docs/performance.md, "Observation ingest: the
    /// writer's cache and checkpoints").
    /// </summary>
    private const string WriterPragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000;";

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(_fullPath);
            if (directory is not null && !Directory.Exists(directory))
            {
                throw new ExchangeStoreException($"Cannot open the SQLite store at '{_fullPath}': the folder '{directory}' does not exist.");
            }

            var writer = new SqliteConnection(_connectionString);
            try
            {
                await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(writer, WriterPragmas, cancellationToken).ConfigureAwait(false);
                await SqliteMigrations.ApplyAsync(writer, _fullPath, cancellationToken).ConfigureAwait(false);
                _gapsUntil = await GapsUntilAsync(writer, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                throw new ExchangeStoreException($"Cannot open the SQLite store at '{_fullPath}': {ex.Message}", ex);
            }
            catch
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _writer = writer;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The highest cursor below which the log may have gaps, or 0 when it has none. Retention prunes only from the
    /// log's start (<see cref="PruneAsync"/>), so a message is in the log exactly when its cursor is at least the
    /// first one's, and a page can judge that from the cursor alone. Earlier hubs pruned by time alone, which
    /// leaves gaps if the clock ever stepped back: below this cursor, the log is looked up.
    /// </summary>
    private static async Task<long> GapsUntilAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, "SELECT count(*), COALESCE(min(cursor), 0), COALESCE(max(cursor), 0) FROM messages");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (count, first, last) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        return count == 0 || last - first + 1 == count ? 0 : last;
    }

    private SqliteConnection Writer => _writer ?? throw new InvalidOperationException($"The SQLite store at '{_fullPath}' is not open; call InitializeAsync first.");

    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(StoredMessage message, CancellationToken cancellationToken) => AppendAsync(message, null, cancellationToken);

    /// <summary>Appends a message and, when it is appended, whatever <paramref name="alsoWrite"/> writes, atomically (in a group commit).</summary>
    private Task<AppendResult> AppendAsync(StoredMessage message, Func<SqliteTransaction, CancellationToken, Task>? alsoWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return GroupedAsync(transaction => AppendInAsync(transaction, message, alsoWrite), cancellationToken);
    }

    /// <summary>The append's checks and writes, inside the group's transaction (under a savepoint of its own).</summary>
    private async Task<AppendResult> AppendInAsync(SqliteTransaction transaction, StoredMessage message, Func<SqliteTransaction, CancellationToken, Task>? alsoWrite)
    {
        var cancellationToken = CancellationToken.None;
        var existing = WriterCommand(transaction, "SELECT cursor, content_hash FROM messages WHERE sender = $sender AND id = $id");
        existing.Parameters.AddWithValue("$sender", message.Sender);
        existing.Parameters.AddWithValue("$id", message.Id);
        await using (var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var cursor = reader.GetInt64(0);
                var hash = (byte[])reader.GetValue(1);
                return hash.AsSpan().SequenceEqual(message.ContentHash) ? AppendResult.Duplicate(cursor) : AppendResult.Conflict(cursor);
            }
        }

        if (message.EntityId is not null)
        {
            var revision = WriterCommand(transaction, "SELECT revision FROM entities WHERE kind = $kind AND owner = $owner AND id = $id");
            revision.Parameters.AddWithValue("$kind", message.Kind);
            revision.Parameters.AddWithValue("$owner", message.Owner);
            revision.Parameters.AddWithValue("$id", message.EntityId);
            var current = await revision.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : 0;
            if (message.Revision != current + 1)
            {
                return AppendResult.RevisionConflict(current);
            }
        }

        var insert = WriterCommand(transaction, """
            INSERT INTO messages (sender, id, kind, entity_id, entity_owner, revision, content_hash, envelope, stored_at, expires_at, geometry)
            VALUES ($sender, $id, $kind, $entity, $owner, $revision, $hash, $envelope, $stored, $expires, $geometry)
            RETURNING cursor
            """);
        insert.Parameters.AddWithValue("$sender", message.Sender);
        insert.Parameters.AddWithValue("$id", message.Id);
        insert.Parameters.AddWithValue("$kind", message.Kind);
        insert.Parameters.AddWithValue("$entity", (object?)message.EntityId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$owner", (object?)message.EntityOwner ?? DBNull.Value);
        insert.Parameters.AddWithValue("$revision", message.Revision);
        insert.Parameters.AddWithValue("$hash", message.ContentHash);
        insert.Parameters.AddWithValue("$envelope", message.Envelope);
        insert.Parameters.AddWithValue("$stored", _time.GetUtcNow().ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$expires", message.ExpiresAt is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value);
        insert.Parameters.AddWithValue("$geometry", (object?)message.Geometry ?? DBNull.Value);
        var appended = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

        if (message.EntityId is not null)
        {
            var upsert = WriterCommand(transaction, """
                INSERT INTO entities (kind, owner, id, revision, cursor) VALUES ($kind, $owner, $id, $revision, $cursor)
                ON CONFLICT (kind, owner, id) DO UPDATE SET revision = excluded.revision, cursor = excluded.cursor
                """);
            upsert.Parameters.AddWithValue("$kind", message.Kind);
            upsert.Parameters.AddWithValue("$owner", message.Owner);
            upsert.Parameters.AddWithValue("$id", message.EntityId);
            upsert.Parameters.AddWithValue("$revision", message.Revision);
            upsert.Parameters.AddWithValue("$cursor", appended);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (alsoWrite is not null)
        {
            await alsoWrite(transaction, cancellationToken).ConfigureAwait(false);
        }

        return AppendResult.Appended(appended);
    }

    /// <inheritdoc/>
    public Task<bool> MarkSupersededAsync(string sender, string id, long supersededBy, CancellationToken cancellationToken) =>
        GroupedAsync(async transaction =>
        {
            var command = WriterCommand(transaction, "UPDATE messages SET superseded_by = $by WHERE sender = $sender AND id = $id AND superseded_by IS NULL AND cursor < $by");
            command.Parameters.AddWithValue("$by", supersededBy);
            command.Parameters.AddWithValue("$sender", sender);
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <inheritdoc/>
    public async Task<StoredMessage?> GetMessageAsync(string sender, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"{SelectMessage} WHERE sender = $sender AND id = $id");
        command.Parameters.AddWithValue("$sender", sender);
        command.Parameters.AddWithValue("$id", id);
        return (await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc/>
    public async Task<StoredMessage?> GetLatestRevisionAsync(string kind, string owner, string entityId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"{SelectMessage} WHERE cursor = (SELECT cursor FROM entities WHERE kind = $kind AND owner = $owner AND id = $id)");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$id", entityId);
        return (await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredMessage>> ReadAfterAsync(long afterCursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"{SelectMessage} WHERE cursor > $after ORDER BY cursor LIMIT $limit");
        command.Parameters.AddWithValue("$after", afterCursor);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<long> GetLastCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // sqlite_sequence keeps the highest cursor ever assigned, even when those rows were pruned.
        using var command = Command(connection, null, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0)");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // From the log's start only, up to the first message stored at or after the cutoff: one stored before it but
            // after a younger one (the clock stepped back) waits for a later run. So the log has no gaps (see _gapsUntil).
            using var command = Command(Writer, null, """
                DELETE FROM messages WHERE cursor < COALESCE(
                    (SELECT cursor FROM messages NOT INDEXED WHERE stored_at >= $cutoff ORDER BY cursor LIMIT 1),
                    (SELECT max(cursor) + 1 FROM messages))
                """);
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredMessage>> QueryAsync(StoreQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, string.Empty);
        var where = new List<string> { "cursor > $after" };
        command.Parameters.AddWithValue("$after", query.AfterCursor);
        where.AddRange(InList(command, "kind", "$k", query.Kinds));
        where.AddRange(InList(command, "sender", "$s", query.Senders));
        if (query.NotExpiredAt is { } now)
        {
            where.Add("(expires_at IS NULL OR expires_at > $now)");
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        }

        if (query.ExcludeSuperseded)
        {
            where.Add("superseded_by IS NULL");
        }

        if (query.Entities.Count > 0)
        {
            var keys = new List<string>(query.Entities.Count);
            foreach (var (kind, owner, id) in query.Entities)
            {
                var n = keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                keys.Add($"(entity_id = $ei{n} AND kind = $ek{n} AND coalesce(entity_owner, sender) = $eo{n})");
                command.Parameters.AddWithValue("$ei" + n, id);
                command.Parameters.AddWithValue("$ek" + n, kind);
                command.Parameters.AddWithValue("$eo" + n, owner);
            }

            where.Add($"({string.Join(" OR ", keys)})");
        }

        command.CommandText = $"{SelectMessage} WHERE {string.Join(" AND ", where)} ORDER BY cursor LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        return await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A parameterized "column IN (...)" condition for a non-empty list; nothing for an empty one.</summary>
    private static IEnumerable<string> InList(SqliteCommand command, string column, string prefix, IReadOnlyCollection<string> values)
    {
        if (values.Count > 0)
        {
            yield return $"{column} IN ({Parameters(command, prefix, values)})";
        }
    }

    /// <summary>Adds a parameter for each value and returns their names, comma-separated (<c>NULL</c> for none).</summary>
    private static string Parameters<T>(SqliteCommand command, string prefix, IEnumerable<T> values)
        where T : notnull
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return names.Count == 0 ? "NULL" : string.Join(", ", names);
    }

    /// <inheritdoc/>
    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            using var command = Command(connection, null, "SELECT COUNT(*) FROM schema_version");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return new StoreHealth(true, $"SQLite store at {connection.DataSource}");
        }
        catch (SqliteException ex)
        {
            return new StoreHealth(false, $"The SQLite store cannot be read: {ex.Message}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                DisposeWriterCommands();
                await _writer.DisposeAsync().ConfigureAwait(false);
            }

            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private const string SelectMessage =
        "SELECT cursor, sender, id, kind, entity_id, revision, content_hash, envelope, stored_at, expires_at, geometry, superseded_by, entity_owner FROM messages";

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        _ = Writer; // Before InitializeAsync the schema may not exist: fail clearly rather than with "no such table".
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<List<StoredMessage>> ReadMessagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<StoredMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(new StoredMessage
            {
                Cursor = reader.GetInt64(0),
                Sender = reader.GetString(1),
                Id = reader.GetString(2),
                Kind = reader.GetString(3),
                EntityId = reader.IsDBNull(4) ? null : reader.GetString(4),
                Revision = reader.GetInt64(5),
                ContentHash = (byte[])reader.GetValue(6),
                Envelope = (byte[])reader.GetValue(7),
                StoredAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                ExpiresAt = reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                Geometry = reader.IsDBNull(10) ? null : (byte[])reader.GetValue(10),
                SupersededBy = reader.IsDBNull(11) ? null : reader.GetInt64(11),
                EntityOwner = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return messages;
    }

    /// <summary>Throws what SQLite said when a native call did not succeed, as Microsoft.Data.Sqlite would.</summary>
    internal static void Check(SQLitePCL.sqlite3 db, int result)
    {
        if (result is not (SQLitePCL.raw.SQLITE_OK or SQLitePCL.raw.SQLITE_DONE or SQLitePCL.raw.SQLITE_ROW))
        {
            throw new SqliteException($"SQLite error {result}: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", result, SQLitePCL.raw.sqlite3_extended_errcode(db));
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
