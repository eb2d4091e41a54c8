using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

/// <summary>
/// Observations and evaluations in the same SQLite file (<see cref="IObservationStore"/>): a batch and the
/// evaluations it leads to are one transaction on the writer connection, so a hub kill loses neither half.
/// </summary>
public sealed partial class SqliteExchangeStore
{
    private const string SelectObservation = "SELECT hazard_owner, hazard_id, indicator_id, observed_at, offset_minutes, value, unit, quality, sensor_id FROM observations";

    /// <inheritdoc/>
    public async Task<IReadOnlyList<bool>> RecordObservationsAsync(IReadOnlyList<StoredObservation> observations, Func<IReadOnlyList<bool>, IReadOnlyList<HazardEvaluationRecord>> evaluate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(evaluate);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await Writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var stored = new bool[observations.Count];
            using (var insert = Command(Writer, transaction, """
                INSERT OR IGNORE INTO observations (hazard_owner, hazard_id, indicator_id, observed_at, offset_minutes, value, unit, quality, sensor_id)
                VALUES ($owner, $hazard, $indicator, $at, $offset, $value, $unit, $quality, $sensor)
                """))
            {
                var owner = insert.Parameters.Add("$owner", SqliteType.Text);
                var hazard = insert.Parameters.Add("$hazard", SqliteType.Text);
                var indicator = insert.Parameters.Add("$indicator", SqliteType.Text);
                var at = insert.Parameters.Add("$at", SqliteType.Integer);
                var offset = insert.Parameters.Add("$offset", SqliteType.Integer);
                var value = insert.Parameters.Add("$value", SqliteType.Real);
                var unit = insert.Parameters.Add("$unit", SqliteType.Text);
                var quality = insert.Parameters.Add("$quality", SqliteType.Integer);
                var sensor = insert.Parameters.Add("$sensor", SqliteType.Text);
                insert.Prepare();
                for (var i = 0; i < observations.Count; i++)
                {
                    var row = observations[i];
                    owner.Value = row.HazardOwner;
                    hazard.Value = row.HazardId;
                    indicator.Value = row.IndicatorId;
                    at.Value = row.ObservedAt.UtcTicks;
                    offset.Value = (long)row.ObservedAt.Offset.TotalMinutes;
                    value.Value = row.Value;
                    unit.Value = (object?)row.Unit ?? DBNull.Value;
                    quality.Value = row.Quality;
                    sensor.Value = (object?)row.SensorId ?? DBNull.Value;
                    stored[i] = insert.ExecuteNonQuery() == 1;
                }
            }

            // Inside the transaction: if evaluating throws, the rollback takes the rows back with it.
            var records = evaluate(stored);
            foreach (var record in records)
            {
                WriteEvaluation(transaction, record);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredObservation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var conditions = new List<string> { "hazard_owner = $owner", "hazard_id = $hazard" };
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$owner", query.HazardOwner);
        command.Parameters.AddWithValue("$hazard", query.HazardId);
        if (query.IndicatorId is not null)
        {
            conditions.Add("indicator_id = $indicator");
            command.Parameters.AddWithValue("$indicator", query.IndicatorId);
        }

        if (query.From is { } from)
        {
            conditions.Add("observed_at >= $from");
            command.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.To is { } to)
        {
            conditions.Add("observed_at < $to");
            command.Parameters.AddWithValue("$to", to.UtcTicks);
        }

        if (query.After is { } after)
        {
            conditions.Add("(indicator_id, observed_at) > ($afterIndicator, $afterAt)");
            command.Parameters.AddWithValue("$afterIndicator", after.IndicatorId);
            command.Parameters.AddWithValue("$afterAt", after.ObservedAt.UtcTicks);
        }

        command.CommandText = $"{SelectObservation} WHERE {string.Join(" AND ", conditions)} ORDER BY indicator_id, observed_at LIMIT $limit";
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
            WriteEvaluation(null, record);
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
            using var command = Command(Writer, null, "DELETE FROM observations WHERE observed_at < $cutoff");
            command.Parameters.AddWithValue("$cutoff", cutoff.UtcTicks);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteEvaluation(SqliteTransaction? transaction, HazardEvaluationRecord record)
    {
        using var upsert = Command(Writer, transaction, """
            INSERT INTO hazard_evaluations (hazard_owner, hazard_id, warning_pending, state) VALUES ($owner, $hazard, $pending, $state)
            ON CONFLICT (hazard_owner, hazard_id) DO UPDATE SET warning_pending = excluded.warning_pending, state = excluded.state
            """);
        upsert.Parameters.AddWithValue("$owner", record.HazardOwner);
        upsert.Parameters.AddWithValue("$hazard", record.HazardId);
        upsert.Parameters.AddWithValue("$pending", record.WarningPending ? 1 : 0);
        upsert.Parameters.AddWithValue("$state", record.State);
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
