using CityRisk.Storage;
using SQLitePCL;

namespace CityRisk.Server.Storage;

/// <summary>
/// The writer's insert of one reading, prepared once for the store's life and bound through SQLitePCL (the provider
/// under Microsoft.Data.Sqlite) with unboxed values. SQLite keeps a statement's bindings across a reset, so a column
/// whose value is the previous row's is not bound again: the offset, unit and quality of a sensor's readings rarely
/// change, and each native call costs a handle reference, the connection's mutex and a transition
/// (docs/performance.md, "Observation ingest, interleaved: rebinding only what changed"). Use under the write lock only.
/// </summary>
internal sealed class ObservationInsert : IDisposable
{
    private const string Sql = """
        INSERT OR IGNORE INTO observations (series, observed_at, offset_minutes, value, unit, quality, sensor_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // What is bound now; _bound is false until a row has bound every column.
    private bool _bound;
    private long _series;
    private long _offsetMinutes;
    private string? _unit;
    private int _quality;
    private string? _sensorId;

    private ObservationInsert(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
    }

    /// <summary>Prepares the insert on the writer's connection.</summary>
    public static ObservationInsert Prepare(sqlite3 db)
    {
        SqliteExchangeStore.Check(db, raw.sqlite3_prepare_v2(db, Sql, out var statement));
        return new ObservationInsert(db, statement);
    }

    /// <summary>Inserts one reading of a series; returns false when the series already had a reading at that instant.</summary>
    public bool Insert(long series, StoredObservation row)
    {
        var offsetMinutes = (long)row.ObservedAt.Offset.TotalMinutes;
        // A bind that fails may leave its column unbound: until this row's are all bound, nothing is taken as bound.
        var bound = _bound;
        _bound = false;
        if (!bound || series != _series)
        {
            SqliteExchangeStore.Check(_db, raw.sqlite3_bind_int64(_statement, 1, series));
            _series = series;
        }

        SqliteExchangeStore.Check(_db, raw.sqlite3_bind_int64(_statement, 2, row.ObservedAt.UtcTicks));
        if (!bound || offsetMinutes != _offsetMinutes)
        {
            SqliteExchangeStore.Check(_db, raw.sqlite3_bind_int64(_statement, 3, offsetMinutes));
            _offsetMinutes = offsetMinutes;
        }

        SqliteExchangeStore.Check(_db, raw.sqlite3_bind_double(_statement, 4, row.Value));
        if (!bound || !string.Equals(row.Unit, _unit, StringComparison.Ordinal))
        {
            SqliteExchangeStore.Check(_db, row.Unit is null ? raw.sqlite3_bind_null(_statement, 5) : raw.sqlite3_bind_text(_statement, 5, row.Unit));
            _unit = row.Unit;
        }

        if (!bound || row.Quality != _quality)
        {
            SqliteExchangeStore.Check(_db, raw.sqlite3_bind_int64(_statement, 6, row.Quality));
            _quality = row.Quality;
        }

        if (!bound || !string.Equals(row.SensorId, _sensorId, StringComparison.Ordinal))
        {
            SqliteExchangeStore.Check(_db, row.SensorId is null ? raw.sqlite3_bind_null(_statement, 7) : raw.sqlite3_bind_text(_statement, 7, row.SensorId));
            _sensorId = row.SensorId;
        }

        _bound = true;
        var stepped = raw.sqlite3_step(_statement);
        var inserted = stepped == raw.SQLITE_DONE && raw.sqlite3_changes(_db) == 1;
        // Reset even when the step failed, so the statement is ready for the next row; the step's error is the one raised.
        var reset = raw.sqlite3_reset(_statement);
        SqliteExchangeStore.Check(_db, stepped);
        SqliteExchangeStore.Check(_db, reset);
        return inserted;
    }

    /// <summary>Finalizes the statement; before the writer connection closes.</summary>
    public void Dispose() => _statement.Dispose();
}
