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
        command.Parameters.AddWithValue("$hi", UpperBound(query.Prefix));
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

        var bound = command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, p.Value!)).ToList();
        var ranges = query.Prefix.Length == 6 ? [(query.Prefix, query.Prefix)] : await SplitAsync(connection, query, cancellationToken).ConfigureAwait(false);

        // A city's year is read as two halves of its codes on two connections at once (SQLite readers run in
        // parallel in WAL mode), each into its own tally, merged at the end.
        var tallies = await Task.WhenAll(ranges.Select((range, i) => Task.Run(async () =>
        {
            var tally = new IncidentTally(query);
            var values = bound.Select(p => p.ParameterName switch { "$lo" => (p.ParameterName, range.Low), "$hi" => (p.ParameterName, range.High), _ => p }).ToList();
            if (i == 0)
            {
                ReadPacked(connection, command.CommandText, values, query, tally, cancellationToken);
            }
            else
            {
                await using var other = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
                ReadPacked(other, command.CommandText, values, query, tally, cancellationToken);
            }

            return tally;
        }, cancellationToken))).ConfigureAwait(false);
        foreach (var other in tallies.Skip(1))
        {
            tallies[0].Merge(other);
        }

        return tallies[0].Result();
    }

    /// <summary>The code range of a city or province in two halves by code (from its lowest to its highest code present), or one when it has one code or none.</summary>
    private static async Task<IReadOnlyList<(string Low, string High)>> SplitAsync(SqliteConnection connection, IncidentCountQuery query, CancellationToken cancellationToken)
    {
        var high = UpperBound(query.Prefix);
        using var bounds = Command(connection, null, "SELECT min(jurisdiction), max(jurisdiction) FROM incident_facts WHERE jurisdiction >= $lo AND jurisdiction < $hi");
        bounds.Parameters.AddWithValue("$lo", query.Prefix);
        bounds.Parameters.AddWithValue("$hi", high);
        await using var reader = await bounds.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(0)
            || !int.TryParse(reader.GetString(0), NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(reader.GetString(1), NumberStyles.None, CultureInfo.InvariantCulture, out var max) || min == max)
        {
            return [(query.Prefix, high)];
        }

        var middle = ((min + max) / 2) + 1;
        var split = middle.ToString("D6", CultureInfo.InvariantCulture);
        return [(query.Prefix, split), (split, high)];
    }

    /// <summary>
    /// Steps the prepared statement through SQLitePCL (the provider under Microsoft.Data.Sqlite) rather than a data
    /// reader: a city's year is a million rows, and one native call a row instead of a reader's several halves the
    /// time (docs/performance.md, "Incident statistics").
    /// </summary>
    private static void ReadPacked(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, IncidentCountQuery query, IncidentTally tally, CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        if (SQLitePCL.raw.sqlite3_prepare_v2(db, sql, out var statement) != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException($"The statistics query cannot be prepared: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", SQLitePCL.raw.sqlite3_errcode(db));
        }

        using (statement)
        {
            foreach (var (name, value) in parameters)
            {
                var index = SQLitePCL.raw.sqlite3_bind_parameter_index(statement, name);
                _ = value switch
                {
                    long number => SQLitePCL.raw.sqlite3_bind_int64(statement, index, number),
                    int number => SQLitePCL.raw.sqlite3_bind_int64(statement, index, number),
                    string text => SQLitePCL.raw.sqlite3_bind_text(statement, index, text),
                    _ => throw new InvalidOperationException($"Parameter {name} has a type the statistics query does not bind."),
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

    /// <summary>The first code above every code starting with <paramref name="prefix"/>: its last digit raised by one (after '9' comes ':').</summary>
    private static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
