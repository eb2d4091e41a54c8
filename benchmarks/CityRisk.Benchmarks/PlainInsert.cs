using System.Diagnostics;
using CityRisk.Hazards;
using Microsoft.Data.Sqlite;

namespace CityRisk.Benchmarks;

/// <summary>
/// The ingest run's baseline (docs/performance.md, "Observation ingest"): the same rows into a plain table (same
/// columns, no key) through a prepared Microsoft.Data.Sqlite command, <see cref="IngestRun.BatchSize"/> a transaction,
/// WAL with full sync: what any ingest must at least do. Rows may come in slices, each timed on its own, into one file.
/// </summary>
internal sealed class PlainInsert : IDisposable
{
    private const string PlainSchema = "CREATE TABLE observations (hazard_owner TEXT, hazard_id TEXT, indicator_id TEXT, observed_at INTEGER, offset_minutes INTEGER, value REAL, unit TEXT, quality INTEGER, sensor_id TEXT);";
    private const string PlainSql = "INSERT INTO observations VALUES ($owner, $hazard, $indicator, $at, $offset, $value, $unit, $quality, $sensor)";
    private static readonly string[] ParameterNames = ["$owner", "$hazard", "$indicator", "$at", "$offset", "$value", "$unit", "$quality", "$sensor"];

    private readonly SqliteConnection _connection;
    private readonly string _insertSql;
    private readonly int _upserts;
    private readonly int _batchSize;

    /// <param name="path">The file, created.</param>
    /// <param name="schema">The observations table (another layout, for 'ingest --layouts').</param>
    /// <param name="insertSql">The insert of one row, with the nine parameters.</param>
    /// <param name="upserts">State upserts a transaction, as a hub writes its hazards' evaluations.</param>
    /// <param name="batchSize">Rows a transaction.</param>
    public PlainInsert(string path, string schema = PlainSchema, string insertSql = PlainSql, int upserts = 0, int batchSize = IngestRun.BatchSize)
    {
        (_insertSql, _upserts, _batchSize) = (insertSql, upserts, batchSize);
        _connection = new SqliteConnection($"Data Source={path}");
        _connection.Open();
        using var setup = _connection.CreateCommand();
        setup.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; {schema} CREATE TABLE states (owner TEXT NOT NULL, id TEXT NOT NULL, state BLOB NOT NULL, PRIMARY KEY (owner, id));";
        setup.ExecuteNonQuery();
    }

    /// <summary>Inserts the rows; returns the time taken and this process's CPU time.</summary>
    public (TimeSpan Elapsed, TimeSpan Cpu) Insert(List<Observation> rows)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += _batchSize)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = _insertSql;
            var parameters = ParameterNames.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
            insert.Prepare();
            foreach (var row in rows.Skip(start).Take(_batchSize))
            {
                parameters[0].Value = row.HazardOwner;
                parameters[1].Value = row.HazardId;
                parameters[2].Value = row.IndicatorId;
                parameters[3].Value = row.ObservedAt.UtcTicks;
                parameters[4].Value = (long)row.ObservedAt.Offset.TotalMinutes;
                parameters[5].Value = row.Value;
                parameters[6].Value = (object?)row.Unit ?? DBNull.Value;
                parameters[7].Value = (int)row.Quality;
                parameters[8].Value = (object?)row.SensorId ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }

            if (_upserts > 0)
            {
                using var upsert = _connection.CreateCommand();
                upsert.Transaction = transaction;
                upsert.CommandText = "INSERT INTO states VALUES ($owner, $id, $state) ON CONFLICT (owner, id) DO UPDATE SET state = excluded.state";
                var owner = upsert.Parameters.Add("$owner", SqliteType.Text);
                var id = upsert.Parameters.Add("$id", SqliteType.Text);
                var state = upsert.Parameters.Add("$state", SqliteType.Blob);
                for (var u = 0; u < _upserts; u++)
                {
                    owner.Value = "hefei-lifeline";
                    id.Value = $"load-{u:D3}";
                    state.Value = new byte[400];
                    upsert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
