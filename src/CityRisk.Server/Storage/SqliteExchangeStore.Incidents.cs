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

        // One read transaction: every part of the period sees the same snapshot, so a revision committed meanwhile is
        // counted once, in its old place or its new one.
        using var snapshot = connection.BeginTransaction(deferred: true);
        var plan = IncidentDayPlan.Of(query.ReportedFrom.ToUnixTimeMilliseconds(), query.ReportedTo.ToUnixTimeMilliseconds(), query.OpenOlderThan.ToUnixTimeMilliseconds());
        var tally = new IncidentTally(query);
        var jurisdictions = Jurisdictions(connection, query, cancellationToken);
        foreach (var jurisdiction in jurisdictions)
        {
            foreach (var (from, to) in plan.Rows)
            {
                ReadFacts(connection, query, jurisdiction, from, to, restrictedOnly: false, tally, cancellationToken);
            }
        }

        foreach (var (first, end) in plan.Days)
        {
            foreach (var jurisdiction in jurisdictions)
            {
                ReadDays(connection, query, jurisdiction, first, end, plan.OldDay, tally, cancellationToken);
                ReadFacts(connection, query, jurisdiction, first * IncidentDayPlan.DayMs, end * IncidentDayPlan.DayMs, restrictedOnly: true, tally, cancellationToken);
            }
        }

        return tally.Result();
    }

    /// <summary>
    /// The jurisdictions of the query's division that have incidents: the district itself, or for a city or province
    /// each code found by seeking the next one in the clustered key. A period is a range of the key's second column
    /// only under one jurisdiction; under a range of codes SQLite would scan every row of the division.
    /// </summary>
    private static List<string> Jurisdictions(SqliteConnection connection, IncidentCountQuery query, CancellationToken cancellationToken)
    {
        if (query.Prefix.Length == 6)
        {
            return [query.Prefix];
        }

        // One bound a side, so SQLite seeks to it: "> $after" beside ">= $lo" would scan on from $lo each time. The next
        // six-digit code after one is at or above it with its last digit raised.
        var found = new List<string>();
        using var bounds = connection.CreateCommand();
        var at = bounds.Parameters.AddWithValue("$at", query.Prefix);
        bounds.Parameters.AddWithValue("$high", UpperBound(query.Prefix));
        while (true)
        {
            string? next = null;
            Step(connection, "SELECT jurisdiction FROM incident_facts WHERE jurisdiction >= $at AND jurisdiction < $high ORDER BY jurisdiction LIMIT 1", bounds.Parameters,
                statement => next = SQLitePCL.raw.sqlite3_column_text(statement, 0).utf8_to_string(), cancellationToken);
            if (next is null)
            {
                return found;
            }

            found.Add(next);
            at.Value = UpperBound(next);
        }
    }

    /// <summary>
    /// Counts the incidents of one jurisdiction reported in [<paramref name="from"/>, <paramref name="to"/>) row by row (only the restricted
    /// ones when <paramref name="restrictedOnly"/>, through their partial index). Each row comes back as one integer: the
    /// sub-division's number (bits 43 and up), the state (39-42), whether it is old (38) and the seconds to close (0-37,
    /// 8,000 years), worked out as IncidentTally defines them.
    /// </summary>
    private static void ReadFacts(SqliteConnection connection, IncidentCountQuery query, string jurisdiction, long from, long to, bool restrictedOnly, IncidentTally tally, CancellationToken cancellationToken)
    {
        using var parameters = connection.CreateCommand();
        parameters.Parameters.AddWithValue("$jurisdiction", jurisdiction);
        parameters.Parameters.AddWithValue("$old", query.OpenOlderThan.ToUnixTimeMilliseconds());
        parameters.Parameters.AddWithValue("$from", from);
        parameters.Parameters.AddWithValue("$to", to);
        var sql = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT ({Subdivision(query)} << 43) | (state << 39) | ((reported_at <= $old) << 38)
                   | (CASE WHEN state = 6 THEN max(0, (coalesce(closed_at, reported_at) - reported_at) / 1000) ELSE 0 END)
            FROM incident_facts AS f {(restrictedOnly ? "INDEXED BY incident_facts_restricted" : string.Empty)}
            WHERE jurisdiction = $jurisdiction AND reported_at >= $from AND reported_at < $to
            """));
        Conditions(sql, parameters, query);
        var named = $"EXISTS (SELECT 1 FROM incident_viewers AS v WHERE v.owner = f.owner AND v.id = f.id AND v.viewer IN ({Parameters(parameters, "$v", query.Viewer)}))";
        sql.Append(restrictedOnly ? $" AND public = 0 AND {named}" : $" AND (public = 1 OR {named})");
        Step(connection, sql.ToString(), parameters.Parameters, statement =>
        {
            var packed = SQLitePCL.raw.sqlite3_column_int64(statement, 0);
            var state = (int)((packed >> 39) & 0xF);
            tally.Add(query.SubdivisionDigits > 0 ? (int)(packed >> 43) : -1, state, ((packed >> 38) & 1) != 0, state == IncidentTally.Closed ? packed & ((1L << 38) - 1) : null);
        }, cancellationToken);
    }

    /// <summary>Counts one jurisdiction's public incidents of UTC days [<paramref name="first"/>, <paramref name="end"/>) from their per-day counts (migration 8).</summary>
    private static void ReadDays(SqliteConnection connection, IncidentCountQuery query, string jurisdiction, long first, long end, long oldDay, IncidentTally tally, CancellationToken cancellationToken)
    {
        using var parameters = connection.CreateCommand();
        parameters.Parameters.AddWithValue("$jurisdiction", jurisdiction);
        parameters.Parameters.AddWithValue("$oldDay", oldDay);
        parameters.Parameters.AddWithValue("$first", first);
        parameters.Parameters.AddWithValue("$end", end);
        var sql = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT {Subdivision(query)}, day < $oldDay, reported, closed, rejected, merged, times
            FROM incident_days WHERE jurisdiction = $jurisdiction AND day >= $first AND day < $end
            """));
        Conditions(sql, parameters, query);
        Step(connection, sql.ToString(), parameters.Parameters, statement =>
        {
            var subdivision = query.SubdivisionDigits > 0 ? SQLitePCL.raw.sqlite3_column_int(statement, 0) : -1;
            var old = SQLitePCL.raw.sqlite3_column_int(statement, 1) != 0;
            var reported = SQLitePCL.raw.sqlite3_column_int64(statement, 2);
            var closed = SQLitePCL.raw.sqlite3_column_int64(statement, 3);
            var rejected = SQLitePCL.raw.sqlite3_column_int64(statement, 4);
            var merged = SQLitePCL.raw.sqlite3_column_int64(statement, 5);
            var times = SQLitePCL.raw.sqlite3_column_blob(statement, 6);
            long parsed = 0, seconds = -1;
            foreach (var c in times)
            {
                if (c == (byte)',')
                {
                    if (seconds >= 0)
                    {
                        tally.Add(subdivision, IncidentTally.Closed, false, seconds);
                        parsed++;
                    }

                    seconds = -1;
                }
                else
                {
                    seconds = (Math.Max(seconds, 0) * 10) + (c - '0');
                }
            }

            if (parsed != closed || reported < closed + rejected + merged)
            {
                throw new ExchangeStoreException($"The per-day incident counts are inconsistent (jurisdiction {jurisdiction}, days {first} to {end}: {reported} reported, {closed} closed with {parsed} times to close). Rebuild them as docs/operations.md says (\"Rebuilding the per-day incident counts\").");
            }

            for (var i = 0L; i < rejected; i++)
            {
                tally.Add(subdivision, IncidentTally.Rejected, false, null);
            }

            for (var i = 0L; i < merged; i++)
            {
                tally.Add(subdivision, IncidentTally.Merged, false, null);
            }

            for (var i = reported - closed - rejected - merged; i > 0; i--)
            {
                tally.Add(subdivision, 1, old, null);
            }
        }, cancellationToken);
    }

    /// <summary>The number of a row's sub-division (the jurisdiction's first digits) as SQL, or 0 when there are none.</summary>
    private static string Subdivision(IncidentCountQuery query) => query.SubdivisionDigits > 0
        ? string.Create(CultureInfo.InvariantCulture, $"CAST(substr(jurisdiction, 1, {query.SubdivisionDigits}) AS INTEGER)")
        : "0";

    /// <summary>Appends the type, category and grade conditions, their values to <paramref name="parameters"/>.</summary>
    private static void Conditions(StringBuilder sql, SqliteCommand parameters, IncidentCountQuery query)
    {
        if (query.Types.Count > 0)
        {
            var types = Parameters(parameters, "$t", query.Types);
            sql.Append(CultureInfo.InvariantCulture, $" AND (type IN ({types}) OR category IN ({types}))");
        }

        if (query.Grades.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND grade IN ({Parameters(parameters, "$g", query.Grades)})");
        }
    }

    /// <summary>
    /// Steps a statement through SQLitePCL (the provider under Microsoft.Data.Sqlite) rather than a data reader: a
    /// day's rows or a year's per-day counts are read with one native call a column instead of a reader's several
    /// (docs/performance.md, "Incident statistics"). The parameters are those of a command used to hold them only.
    /// </summary>
    private static void Step(SqliteConnection connection, string sql, SqliteParameterCollection parameters, Action<SQLitePCL.sqlite3_stmt> row, CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        if (SQLitePCL.raw.sqlite3_prepare_v2(db, sql, out var statement) != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException($"The statistics query cannot be prepared: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", SQLitePCL.raw.sqlite3_errcode(db));
        }

        using (statement)
        {
            foreach (SqliteParameter parameter in parameters)
            {
                var index = SQLitePCL.raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                var bound = parameter.Value switch
                {
                    long number => SQLitePCL.raw.sqlite3_bind_int64(statement, index, number),
                    int number => SQLitePCL.raw.sqlite3_bind_int64(statement, index, number),
                    string text => SQLitePCL.raw.sqlite3_bind_text(statement, index, text),
                    _ => throw new InvalidOperationException($"Parameter {parameter.ParameterName} has a type the statistics query does not bind."),
                };

                // A parameter the SQL does not name (index 0) or a value SQLite refuses would leave it NULL and the
                // counts silently wrong: fail instead.
                if (bound != SQLitePCL.raw.SQLITE_OK)
                {
                    throw new SqliteException($"The statistics query cannot bind {parameter.ParameterName}: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", bound);
                }
            }

            int result;
            for (var rows = 0; (result = SQLitePCL.raw.sqlite3_step(statement)) == SQLitePCL.raw.SQLITE_ROW; rows++)
            {
                if ((rows & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                row(statement);
            }

            if (result != SQLitePCL.raw.SQLITE_DONE)
            {
                throw new SqliteException($"The statistics query failed: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}", result);
            }
        }
    }

    private async Task ReplaceFactsAsync(SqliteTransaction transaction, IncidentFacts facts, CancellationToken cancellationToken)
    {
        var delete = WriterCommand(transaction, "DELETE FROM incident_facts WHERE owner = $owner AND id = $id; DELETE FROM incident_viewers WHERE owner = $owner AND id = $id");
        delete.Parameters.AddWithValue("$owner", facts.Owner);
        delete.Parameters.AddWithValue("$id", facts.Id);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var insert = WriterCommand(transaction, """
            INSERT INTO incident_facts (jurisdiction, reported_at, owner, id, type, category, grade, state, closed_at, public)
            VALUES ($jurisdiction, $reported, $owner, $id, $type, $category, $grade, $state, $closed, $public)
            """);
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

        if (facts.Public || facts.Viewers.Count == 0)
        {
            return;
        }

        var viewer = WriterCommand(transaction, "INSERT OR IGNORE INTO incident_viewers (owner, id, viewer) VALUES ($owner, $id, $viewer)");
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
