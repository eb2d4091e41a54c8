using System.Globalization;
using System.Text;
using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

public sealed partial class SqliteExchangeStore
{
    /// <inheritdoc/>
    public Task<AppendResult> AppendIncidentAsync(StoredMessage message, IncidentFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return AppendAsync(message, (transaction, token) => ReplaceFactsAsync(transaction, facts, token), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<IncidentCountsRecord>> CountIncidentsAsync(IncidentCountQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, string.Empty);

        // A district is one value of the clustered key's first column, so the period is a range of its second; a city
        // or province is a range of codes: those starting with the prefix sort between it and the prefix with its last
        // digit raised by one ("4102" .. "4103"; after '9' comes ':', still above every digit).
        // Each row comes back as one integer, so reading a city's year is one column read a row, not four plus a
        // string: the sub-division's number (bits 43 and up), the state (39-42), whether it is old (38) and the
        // seconds to close (0-37, 8,000 years), worked out as IncidentTally defines them.
        var sql = new StringBuilder("""
            SELECT ((CASE WHEN $digits > 0 THEN CAST(substr(jurisdiction, 1, $digits) AS INTEGER) ELSE 0 END) << 43) | (state << 39)
                   | ((reported_at <= $old) << 38) | (CASE WHEN state = 6 THEN max(0, (closed_at - reported_at) / 1000) ELSE 0 END)
            FROM incident_facts AS f WHERE
            """);
        sql.Append(query.Prefix.Length == 6 ? " jurisdiction = $lo" : " jurisdiction >= $lo AND jurisdiction < $hi");
        sql.Append(" AND reported_at >= $from AND reported_at < $to");
        command.Parameters.AddWithValue("$digits", query.SubdivisionDigits);
        command.Parameters.AddWithValue("$old", query.OpenOlderThan.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$lo", query.Prefix);
        command.Parameters.AddWithValue("$hi", query.Prefix[..^1] + (char)(query.Prefix[^1] + 1));
        command.Parameters.AddWithValue("$from", query.ReportedFrom.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", query.ReportedTo.ToUnixTimeMilliseconds());
        if (query.Types.Count > 0)
        {
            var types = Parameters(command, "$t", query.Types);
            sql.Append(CultureInfo.InvariantCulture, $" AND (type IN ({types}) OR category IN ({types}))");
        }

        if (query.Grades.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND grade IN ({Parameters(command, "$g", query.Grades)})");
        }

        sql.Append(CultureInfo.InvariantCulture, $" AND (public = 1 OR EXISTS (SELECT 1 FROM incident_viewers AS v WHERE v.owner = f.owner AND v.id = f.id AND v.viewer IN ({Parameters(command, "$v", query.Viewer)})))");
        command.CommandText = sql.ToString();

        var tally = new IncidentTally(query);
        ReadPacked(connection, command, query, tally, cancellationToken);
        return tally.Result();
    }

    /// <summary>
    /// Steps the prepared statement through SQLitePCL (the provider under Microsoft.Data.Sqlite) rather than a data
    /// reader: a city's year is a million rows, and one native call a row instead of a reader's several halves the
    /// time (docs/performance.md, "Incident statistics"). The statement is the command's own SQL and parameters.
    /// </summary>
    private static void ReadPacked(SqliteConnection connection, SqliteCommand command, IncidentCountQuery query, IncidentTally tally, CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        if (SQLitePCL.raw.sqlite3_prepare_v2(db, command.CommandText, out var statement) != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException($"The statistics query cannot be prepared: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", SQLitePCL.raw.sqlite3_errcode(db));
        }

        using (statement)
        {
            foreach (SqliteParameter parameter in command.Parameters)
            {
                var index = SQLitePCL.raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                _ = parameter.Value switch
                {
                    long number => SQLitePCL.raw.sqlite3_bind_int64(statement, index, number),
                    int number => SQLitePCL.raw.sqlite3_bind_int64(statement, index, number),
                    string text => SQLitePCL.raw.sqlite3_bind_text(statement, index, text),
                    _ => throw new InvalidOperationException($"Parameter {parameter.ParameterName} has a type the statistics query does not bind."),
                };
            }

            int result;
            for (var rows = 0; (result = SQLitePCL.raw.sqlite3_step(statement)) == SQLitePCL.raw.SQLITE_ROW; rows++)
            {
                if ((rows & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var packed = SQLitePCL.raw.sqlite3_column_int64(statement, 0);
                var state = (int)((packed >> 39) & 0xF);
                tally.Add(query.SubdivisionDigits > 0 ? (int)(packed >> 43) : -1, state, ((packed >> 38) & 1) != 0, state == IncidentTally.Closed ? packed & ((1L << 38) - 1) : null);
            }

            if (result != SQLitePCL.raw.SQLITE_DONE)
            {
                throw new SqliteException($"The statistics query failed: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", result);
            }
        }
    }

    private static async Task ReplaceFactsAsync(SqliteTransaction transaction, IncidentFacts facts, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        using (var delete = Command(connection, transaction, "DELETE FROM incident_facts WHERE owner = $owner AND id = $id; DELETE FROM incident_viewers WHERE owner = $owner AND id = $id"))
        {
            delete.Parameters.AddWithValue("$owner", facts.Owner);
            delete.Parameters.AddWithValue("$id", facts.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var insert = Command(connection, transaction, """
            INSERT INTO incident_facts (jurisdiction, reported_at, owner, id, type, category, grade, state, closed_at, public)
            VALUES ($jurisdiction, $reported, $owner, $id, $type, $category, $grade, $state, $closed, $public)
            """))
        {
            insert.Parameters.AddWithValue("$jurisdiction", facts.Jurisdiction);
            insert.Parameters.AddWithValue("$reported", facts.ReportedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$owner", facts.Owner);
            insert.Parameters.AddWithValue("$id", facts.Id);
            insert.Parameters.AddWithValue("$type", facts.Type);
            insert.Parameters.AddWithValue("$category", facts.Category);
            insert.Parameters.AddWithValue("$grade", facts.Grade);
            insert.Parameters.AddWithValue("$state", facts.State);
            insert.Parameters.AddWithValue("$closed", facts.ClosedAt is { } closed ? closed.ToUnixTimeMilliseconds() : DBNull.Value);
            insert.Parameters.AddWithValue("$public", facts.Public ? 1 : 0);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (facts.Public || facts.Viewers.Count == 0)
        {
            return;
        }

        using var viewer = Command(connection, transaction, "INSERT OR IGNORE INTO incident_viewers (owner, id, viewer) VALUES ($owner, $id, $viewer)");
        viewer.Parameters.AddWithValue("$owner", facts.Owner);
        viewer.Parameters.AddWithValue("$id", facts.Id);
        var value = viewer.Parameters.Add("$viewer", SqliteType.Text);
        foreach (var entry in facts.Viewers)
        {
            value.Value = entry;
            await viewer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a parameter for each value and returns their names, comma-separated.</summary>
    private static string Parameters<T>(SqliteCommand command, string prefix, IEnumerable<T> values)
        where T : notnull
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }

        return names.Count == 0 ? "NULL" : string.Join(", ", names);
    }
}
