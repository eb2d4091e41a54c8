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
        // Each row comes back as four integers (no string per row): the sub-division's number, the state, whether it
        // is old, and the seconds to close, worked out as IncidentTally defines them.
        var sql = new StringBuilder("""
            SELECT CASE WHEN $digits > 0 THEN CAST(substr(jurisdiction, 1, $digits) AS INTEGER) ELSE -1 END, state, reported_at <= $old,
                   CASE WHEN state = 6 THEN (closed_at - reported_at) / 1000 END
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
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        // Read synchronously: SQLite's reads are synchronous anyway, and a task per row would double the cost of a
        // city's year (docs/performance.md, "Incident statistics"). Cancellation is checked every 4,096 rows.
        for (var rows = 0; reader.Read(); rows++)
        {
            if ((rows & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            tally.Add((int)reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2) != 0, reader.IsDBNull(3) ? null : reader.GetInt64(3));
        }

        return tally.Result();
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
