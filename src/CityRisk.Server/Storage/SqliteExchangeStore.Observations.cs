using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

/// <summary>
/// Observations and evaluations in the same SQLite file (<see cref="IObservationStore"/>): a batch and the
/// evaluations it leads to are one transaction on the writer connection, so a hub kill loses neither half. Readings
/// are keyed by (series, observed-at), a series being one indicator of one hazard (migration 4 says why).
/// </summary>
public sealed partial class SqliteExchangeStore
{
    // Series ids by (owner, hazard, indicator), filled as series are read or created; only committed ones enter.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Owner, string Hazard, string Indicator), long> _series = new();

    /// <summary>The writer's insert of a reading, prepared at the first batch; only touched under the write lock.</summary>
    private ObservationInsert? _observationInsert;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> RecordObservationsAsync(IReadOnlyList<StoredObservation> observations, Func<IReadOnlyList<bool>, IReadOnlyList<HazardEvaluationRecord>> evaluate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(evaluate);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await Writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var created = new Dictionary<(string Owner, string Hazard, string Indicator), long>();
            var stored = new bool[observations.Count];
            using (var findSeries = SeriesLookup(transaction))
            using (var addSeries = Command(Writer, transaction, "INSERT INTO observation_series (hazard_owner, hazard_id, indicator_id) VALUES ($owner, $hazard, $indicator) RETURNING series"))
            {
                addSeries.Parameters.Add("$owner", SqliteType.Text);
                addSeries.Parameters.Add("$hazard", SqliteType.Text);
                addSeries.Parameters.Add("$indicator", SqliteType.Text);

                // On the writer, inside this transaction; the insert is kept for the store's life (ObservationInsert).
                _observationInsert ??= ObservationInsert.Prepare(Writer.Handle!);
                for (var i = 0; i < observations.Count; i++)
                {
                    var row = observations[i];
                    var key = (row.HazardOwner, row.HazardId, row.IndicatorId);
                    if (!_series.TryGetValue(key, out var id) && !created.TryGetValue(key, out id))
                    {
                        id = FindSeries(findSeries, key) ?? AddSeries(addSeries, key);
                        created[key] = id;
                    }

                    stored[i] = _observationInsert.Insert(id, row);
                }
            }

            // Inside the transaction: if evaluating throws, the rollback takes the rows back with it.
            var records = evaluate(stored);
            if (records.Count > 0)
            {
                using var upsert = EvaluationUpsert(transaction);
                foreach (var record in records)
                {
                    WriteEvaluation(upsert, record);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (key, id) in created)
            {
                _series[key] = id;
            }

            return stored;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteCommand SeriesLookup(SqliteTransaction? transaction)
    {
        var find = Command(Writer, transaction, "SELECT series FROM observation_series WHERE hazard_owner = $owner AND hazard_id = $hazard AND indicator_id = $indicator");
        find.Parameters.Add("$owner", SqliteType.Text);
        find.Parameters.Add("$hazard", SqliteType.Text);
        find.Parameters.Add("$indicator", SqliteType.Text);
        return find;
    }

    private static long? FindSeries(SqliteCommand find, (string Owner, string Hazard, string Indicator) key)
    {
        (find.Parameters[0].Value, find.Parameters[1].Value, find.Parameters[2].Value) = (key.Owner, key.Hazard, key.Indicator);
        return find.ExecuteScalar() is long id ? id : null;
    }

    private static long AddSeries(SqliteCommand add, (string Owner, string Hazard, string Indicator) key)
    {
        (add.Parameters[0].Value, add.Parameters[1].Value, add.Parameters[2].Value) = (key.Owner, key.Hazard, key.Indicator);
        return (long)add.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredObservation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var conditions = new List<string> { "s.hazard_owner = $owner", "s.hazard_id = $hazard" };
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$owner", query.HazardOwner);
        command.Parameters.AddWithValue("$hazard", query.HazardId);
        if (query.IndicatorId is not null)
        {
            conditions.Add("s.indicator_id = $indicator");
            command.Parameters.AddWithValue("$indicator", query.IndicatorId);
        }

        if (query.From is { } from)
        {
            conditions.Add("o.observed_at >= $from");
            command.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.To is { } to)
        {
            conditions.Add("o.observed_at < $to");
            command.Parameters.AddWithValue("$to", to.UtcTicks);
        }

        if (query.After is { } after)
        {
            conditions.Add("(s.indicator_id, o.observed_at) > ($afterIndicator, $afterAt)");
            command.Parameters.AddWithValue("$afterIndicator", after.IndicatorId);
            command.Parameters.AddWithValue("$afterAt", after.ObservedAt.UtcTicks);
        }

        command.CommandText = $"""
            SELECT s.hazard_owner, s.hazard_id, s.indicator_id, o.observed_at, o.offset_minutes, o.value, o.unit, o.quality, o.sensor_id
            FROM observation_series s JOIN observations o ON o.series = s.series
            WHERE {string.Join(" AND ", conditions)} ORDER BY s.indicator_id, o.observed_at LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", query.Limit);
        var rows = new List<StoredObservation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var offset = TimeSpan.FromMinutes(reader.GetInt64(4));
            rows.Add(new StoredObservation
            {
                HazardOwner = reader.GetString(0),
                HazardId = reader.GetString(1),
                IndicatorId = reader.GetString(2),
                ObservedAt = new DateTimeOffset(reader.GetInt64(3) + offset.Ticks, offset),
                Value = reader.GetDouble(5),
                Unit = reader.IsDBNull(6) ? null : reader.GetString(6),
                Quality = reader.GetInt32(7),
                SensorId = reader.IsDBNull(8) ? null : reader.GetString(8),
            });
        }

        return rows;
    }

    /// <inheritdoc/>
    public async Task<HazardEvaluationRecord?> GetEvaluationAsync(string hazardOwner, string hazardId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT hazard_owner, hazard_id, warning_pending, state FROM hazard_evaluations WHERE hazard_owner = $owner AND hazard_id = $hazard");
        command.Parameters.AddWithValue("$owner", hazardOwner);
        command.Parameters.AddWithValue("$hazard", hazardId);
        return (await ReadEvaluationsAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc/>
    public async Task SaveEvaluationAsync(HazardEvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var upsert = EvaluationUpsert(null);
            WriteEvaluation(upsert, record);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HazardEvaluationRecord>> ListPendingWarningsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT hazard_owner, hazard_id, warning_pending, state FROM hazard_evaluations WHERE warning_pending = 1");
        return await ReadEvaluationsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<int> PruneObservationsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Series by series, so each delete walks its own key range instead of the whole table.
            var series = new List<long>();
            using (var list = Command(Writer, null, "SELECT series FROM observation_series"))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    series.Add(reader.GetInt64(0));
                }
            }

            var pruned = 0;
            using var delete = Command(Writer, null, "DELETE FROM observations WHERE series = $series AND observed_at < $cutoff");
            var id = delete.Parameters.Add("$series", SqliteType.Integer);
            delete.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
            foreach (var each in series)
            {
                id.Value = each;
                pruned += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return pruned;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The upsert of an evaluation, prepared once for every record of a transaction.</summary>
    private SqliteCommand EvaluationUpsert(SqliteTransaction? transaction)
    {
        var upsert = Command(Writer, transaction, """
            INSERT INTO hazard_evaluations (hazard_owner, hazard_id, warning_pending, state) VALUES ($owner, $hazard, $pending, $state)
            ON CONFLICT (hazard_owner, hazard_id) DO UPDATE SET warning_pending = excluded.warning_pending, state = excluded.state
            """);
        upsert.Parameters.Add("$owner", SqliteType.Text);
        upsert.Parameters.Add("$hazard", SqliteType.Text);
        upsert.Parameters.Add("$pending", SqliteType.Integer);
        upsert.Parameters.Add("$state", SqliteType.Blob);
        upsert.Prepare();
        return upsert;
    }

    private static void WriteEvaluation(SqliteCommand upsert, HazardEvaluationRecord record)
    {
        upsert.Parameters[0].Value = record.HazardOwner;
        upsert.Parameters[1].Value = record.HazardId;
        upsert.Parameters[2].Value = record.WarningPending ? 1 : 0;
        upsert.Parameters[3].Value = record.State;
        upsert.ExecuteNonQuery();
    }

    private static async Task<IReadOnlyList<HazardEvaluationRecord>> ReadEvaluationsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var records = new List<HazardEvaluationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new HazardEvaluationRecord
            {
                HazardOwner = reader.GetString(0),
                HazardId = reader.GetString(1),
                WarningPending = reader.GetInt64(2) == 1,
                State = (byte[])reader.GetValue(3),
            });
        }

        return records;
    }
}
