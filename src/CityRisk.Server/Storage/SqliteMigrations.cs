using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

/// <summary>
/// The SQLite schema, versioned from the first release. Each migration runs once, in a transaction, in order;
/// a file written by a newer hub (a higher version than this one knows) is refused rather than misread.
/// </summary>
internal static class SqliteMigrations
{
    /// <summary>The schema version this hub writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    private static readonly string[] Migrations =
    [
        // 1: the log (AUTOINCREMENT: cursors are never reused, even after pruning), the idempotency index,
        //    entity revisions, and the index the subscriptions' kind filters use.
        """
        CREATE TABLE messages (
            cursor INTEGER PRIMARY KEY AUTOINCREMENT,
            sender TEXT NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT NULL,
            revision INTEGER NOT NULL DEFAULT 0,
            content_hash BLOB NOT NULL,
            envelope BLOB NOT NULL,
            stored_at INTEGER NOT NULL,
            expires_at INTEGER NULL,
            UNIQUE (sender, id)
        );
        CREATE INDEX messages_by_kind ON messages (kind, cursor);
        CREATE INDEX messages_by_stored_at ON messages (stored_at);
        CREATE TABLE entities (
            kind TEXT NOT NULL,
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            cursor INTEGER NOT NULL,
            PRIMARY KEY (kind, owner, id)
        );
        """,

        // 2: the geometry of each message's areas (WKB), computed once at publish for area filters.
        "ALTER TABLE messages ADD COLUMN geometry BLOB NULL;",

        // 3: alert threads: the cursor of the Update or Cancel that superseded a message.
        "ALTER TABLE messages ADD COLUMN superseded_by INTEGER NULL;",

        // 4: observations. Each (hazard owner, hazard id, indicator id) is a series with a small integer id, and a
        //    reading is keyed by (series, observed_at) in a table without rowid: one B-tree, short keys, so a reading
        //    costs one small insert (docs/performance.md, "Observation ingest", measured the layouts). Each hazard's
        //    evaluation is written in the same transaction as the readings it judged.
        """
        CREATE TABLE observation_series (
            series INTEGER PRIMARY KEY,
            hazard_owner TEXT NOT NULL,
            hazard_id TEXT NOT NULL,
            indicator_id TEXT NOT NULL,
            UNIQUE (hazard_owner, hazard_id, indicator_id)
        );
        CREATE TABLE observations (
            series INTEGER NOT NULL,
            observed_at INTEGER NOT NULL,
            offset_minutes INTEGER NOT NULL,
            value REAL NOT NULL,
            unit TEXT NULL,
            quality INTEGER NOT NULL,
            sensor_id TEXT NULL,
            PRIMARY KEY (series, observed_at)
        ) WITHOUT ROWID;
        CREATE TABLE hazard_evaluations (
            hazard_owner TEXT NOT NULL,
            hazard_id TEXT NOT NULL,
            warning_pending INTEGER NOT NULL,
            state BLOB NOT NULL,
            PRIMARY KEY (hazard_owner, hazard_id)
        );
        """,

        // 5: entity revisions published by a partner other than the owner (an incident's assignee), the index that
        //    reads an entity's history, and each incident's current facts for statistics: clustered by
        //    (jurisdiction, reported_at) so a division and period is one range scan, with who may see what is not public.
        """
        ALTER TABLE messages ADD COLUMN entity_owner TEXT NULL;
        CREATE INDEX messages_by_entity ON messages (entity_id, kind) WHERE entity_id IS NOT NULL;
        CREATE TABLE incident_facts (
            jurisdiction TEXT NOT NULL,
            reported_at INTEGER NOT NULL,
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            category TEXT NOT NULL,
            grade INTEGER NOT NULL,
            state INTEGER NOT NULL,
            closed_at INTEGER NULL,
            public INTEGER NOT NULL,
            PRIMARY KEY (jurisdiction, reported_at, owner, id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX incident_facts_by_key ON incident_facts (owner, id);
        CREATE TABLE incident_viewers (
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            viewer TEXT NOT NULL,
            PRIMARY KEY (owner, id, viewer)
        ) WITHOUT ROWID;
        """,

        // 6: the resource pool's ledger (docs/resources.md, "The arithmetic"), written by PoolLedger in the same
        //    transaction as each pooling message. Resources are clustered by (type, grid cell of 0.1 degree), so a pool
        //    query near a place reads a few contiguous ranges (docs/performance.md, "Pool query", measured it against
        //    a (type, latitude) index: 3.6 times faster); a resource's open offers and a request's offers by partial indexes.
        """
        CREATE TABLE pool_resources (
            type TEXT NOT NULL,
            cell INTEGER NOT NULL,
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            unit TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            status TEXT NOT NULL,
            lon REAL NOT NULL,
            lat REAL NOT NULL,
            jurisdiction TEXT NOT NULL,
            capabilities TEXT NOT NULL,
            public INTEGER NOT NULL,
            viewers TEXT NOT NULL,
            committed INTEGER NOT NULL,
            PRIMARY KEY (type, cell, owner, id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX pool_resources_by_key ON pool_resources (owner, id);
        CREATE INDEX pool_resources_by_cell ON pool_resources (cell);
        CREATE TABLE pool_offers (
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            request_owner TEXT NULL,
            request_id TEXT NULL,
            request_item INTEGER NULL,
            open INTEGER NOT NULL,
            committed INTEGER NOT NULL,
            PRIMARY KEY (owner, id)
        ) WITHOUT ROWID;
        CREATE INDEX pool_offers_by_resource ON pool_offers (owner, resource_id) WHERE open = 1;
        CREATE INDEX pool_offers_by_request ON pool_offers (request_owner, request_id) WHERE request_owner IS NOT NULL;
        CREATE TABLE pool_requests (
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            items TEXT NOT NULL,
            PRIMARY KEY (owner, id)
        ) WITHOUT ROWID;
        CREATE TABLE pool_commitments (
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            provider TEXT NOT NULL,
            offer_id TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            item INTEGER NOT NULL,
            quantity INTEGER NOT NULL,
            released INTEGER NOT NULL,
            stage INTEGER NOT NULL,
            PRIMARY KEY (owner, id)
        ) WITHOUT ROWID;
        """,

        // 7: enterprise risk for insurers (docs/insurers.md): each profile's current facts, clustered by owner and
        //    credit code, with an index in the default order (risk score, highest first; rank is the score, -1 without
        //    one) and one by credit code; periods clustered by credit code, so the export (in credit-code order) reads
        //    them as one range a page; grants and the consents among them keyed for the per-row access check; the
        //    audit of insurers' reads, by owner, newest first.
        """
        CREATE TABLE enterprise_profiles (
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            cursor INTEGER NOT NULL,
            name TEXT NOT NULL,
            industry TEXT NOT NULL,
            jurisdiction TEXT NOT NULL,
            address TEXT NOT NULL,
            lon REAL NOT NULL,
            lat REAL NOT NULL,
            employees INTEGER NOT NULL,
            chemicals INTEGER NOT NULL,
            major INTEGER NOT NULL,
            grade TEXT NOT NULL,
            insured INTEGER NOT NULL,
            insurer TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            rank REAL NOT NULL,
            PRIMARY KEY (owner, id)
        ) WITHOUT ROWID;
        CREATE INDEX enterprise_profiles_by_rank ON enterprise_profiles (rank DESC, owner, id);
        CREATE INDEX enterprise_profiles_by_code ON enterprise_profiles (id, owner);
        CREATE TABLE enterprise_periods (
            id TEXT NOT NULL,
            owner TEXT NOT NULL,
            seq INTEGER NOT NULL,
            period_from TEXT NOT NULL,
            period_to TEXT NOT NULL,
            inspections INTEGER NOT NULL,
            found INTEGER NOT NULL,
            rectified INTEGER NOT NULL,
            overdue INTEGER NOT NULL,
            major INTEGER NOT NULL,
            penalties INTEGER NOT NULL,
            accidents INTEGER NOT NULL,
            deaths INTEGER NOT NULL,
            injuries INTEGER NOT NULL,
            rectification_rate REAL NULL,
            overdue_rate REAL NULL,
            per_year REAL NOT NULL,
            per_100 REAL NULL,
            score REAL NOT NULL,
            PRIMARY KEY (id, owner, seq)
        ) WITHOUT ROWID;
        CREATE TABLE enterprise_grants (
            owner TEXT NOT NULL,
            id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            insurer TEXT NOT NULL,
            credit_code TEXT NULL,
            jurisdiction_prefix TEXT NULL,
            industries TEXT NOT NULL,
            valid_from INTEGER NOT NULL,
            valid_until INTEGER NOT NULL,
            active INTEGER NOT NULL,
            PRIMARY KEY (owner, id)
        ) WITHOUT ROWID;
        CREATE INDEX enterprise_grants_by_insurer ON enterprise_grants (insurer, credit_code);
        CREATE TABLE enterprise_consents (
            insurer TEXT NOT NULL,
            owner TEXT NOT NULL,
            credit_code TEXT NOT NULL,
            grant_id TEXT NOT NULL,
            grant_revision INTEGER NOT NULL,
            valid_from INTEGER NOT NULL,
            valid_until INTEGER NOT NULL,
            PRIMARY KEY (insurer, owner, credit_code, grant_id)
        ) WITHOUT ROWID;
        CREATE TABLE enterprise_reads (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            read_at INTEGER NOT NULL,
            insurer TEXT NOT NULL,
            owner TEXT NOT NULL,
            credit_code TEXT NOT NULL,
            revision INTEGER NOT NULL,
            grant_id TEXT NOT NULL,
            grant_revision INTEGER NOT NULL,
            via TEXT NOT NULL
        );
        CREATE INDEX enterprise_reads_by_owner ON enterprise_reads (owner, sequence);
        """,

        // 8: each day's public incidents counted per (jurisdiction, UTC day, type, grade), kept by triggers in the same
        //    statement as every change to incident_facts, so a city's year of statistics reads thousands of rows rather
        //    than a million (docs/performance.md, "Incident statistics"). `times` holds the Closed ones' whole seconds to
        //    close, comma-separated with a comma at each end (",5400,7200,"), unordered: removing one is replacing its
        //    first ",n," by ",". Restricted incidents are not aggregated (who may see them is per viewer); they are read
        //    row by row through a partial index of their own that holds every column statistics read.
        """
        CREATE TABLE incident_days (
            jurisdiction TEXT NOT NULL,
            day INTEGER NOT NULL,
            type TEXT NOT NULL,
            grade INTEGER NOT NULL,
            category TEXT NOT NULL,
            reported INTEGER NOT NULL,
            closed INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            merged INTEGER NOT NULL,
            times TEXT NOT NULL,
            PRIMARY KEY (jurisdiction, day, type, grade)
        ) WITHOUT ROWID;
        CREATE INDEX incident_facts_restricted ON incident_facts (jurisdiction, reported_at, state, closed_at, type, category, grade) WHERE public = 0;
        INSERT INTO incident_days (jurisdiction, day, type, grade, category, reported, closed, rejected, merged, times)
            SELECT jurisdiction, reported_at / 86400000, type, grade, max(category), count(*), sum(state = 6), sum(state = 7), sum(state = 8),
                   ',' || coalesce(group_concat(CASE WHEN state = 6 THEN max(0, (coalesce(closed_at, reported_at) - reported_at) / 1000) END, ',') || ',', '')
            FROM incident_facts WHERE public = 1 GROUP BY jurisdiction, reported_at / 86400000, type, grade;
        CREATE TRIGGER incident_days_add AFTER INSERT ON incident_facts WHEN new.public = 1
        BEGIN
            INSERT INTO incident_days (jurisdiction, day, type, grade, category, reported, closed, rejected, merged, times)
            VALUES (new.jurisdiction, new.reported_at / 86400000, new.type, new.grade, new.category, 1, new.state = 6, new.state = 7, new.state = 8,
                    CASE WHEN new.state = 6 THEN ',' || max(0, (coalesce(new.closed_at, new.reported_at) - new.reported_at) / 1000) || ',' ELSE ',' END)
            ON CONFLICT (jurisdiction, day, type, grade) DO UPDATE SET
                reported = reported + 1, closed = closed + excluded.closed, rejected = rejected + excluded.rejected, merged = merged + excluded.merged,
                times = times || substr(excluded.times, 2);
        END;
        CREATE TRIGGER incident_days_remove AFTER DELETE ON incident_facts WHEN old.public = 1
        BEGIN
            UPDATE incident_days SET
                reported = reported - 1, closed = closed - (old.state = 6), rejected = rejected - (old.state = 7), merged = merged - (old.state = 8),
                times = CASE WHEN old.state = 6 THEN
                    substr(times, 1, instr(times, ',' || max(0, (coalesce(old.closed_at, old.reported_at) - old.reported_at) / 1000) || ','))
                    || substr(times, instr(times, ',' || max(0, (coalesce(old.closed_at, old.reported_at) - old.reported_at) / 1000) || ',')
                                     + length(',' || max(0, (coalesce(old.closed_at, old.reported_at) - old.reported_at) / 1000) || ','))
                    ELSE times END
            WHERE jurisdiction = old.jurisdiction AND day = old.reported_at / 86400000 AND type = old.type AND grade = old.grade;
            DELETE FROM incident_days
            WHERE jurisdiction = old.jurisdiction AND day = old.reported_at / 86400000 AND type = old.type AND grade = old.grade AND reported = 0;
        END;
        -- Facts are replaced by DELETE and INSERT, which the triggers above follow; an UPDATE would bypass them.
        CREATE TRIGGER incident_facts_no_update BEFORE UPDATE ON incident_facts
        BEGIN
            SELECT RAISE(ABORT, 'incident_facts rows are replaced by DELETE and INSERT, never updated: incident_days counts them');
        END;
        """,

        // 9: the two indexes an enterprise page walks carry every column its selection tests (filters, the
        //    agreements' place and industry, the cursor whose message must exist), so a row the page skips is judged
        //    from the index alone; before, each candidate cost a seek into the table (docs/performance.md,
        //    "Enterprise queries and export").
        """
        DROP INDEX enterprise_profiles_by_rank;
        CREATE INDEX enterprise_profiles_by_rank ON enterprise_profiles (rank DESC, owner, id, chemicals, major, insured, grade, jurisdiction, industry, cursor);
        DROP INDEX enterprise_profiles_by_code;
        CREATE INDEX enterprise_profiles_by_code ON enterprise_profiles (id, owner, chemicals, major, insured, grade, jurisdiction, industry, cursor, rank);
        """,

        // 10: an insurer's page by credit code merges ranges read in credit-code order: one per (owner, place) its
        //     agreements cover, of a place index that carries every column the page tests, and its consents by credit
        //     code (docs/performance.md, "Places merged; native inserts").
        """
        CREATE INDEX enterprise_profiles_by_place ON enterprise_profiles (owner, jurisdiction, id, chemicals, major, insured, grade, industry, cursor, rank);
        CREATE INDEX enterprise_consents_by_code ON enterprise_consents (insurer, credit_code, owner, valid_from, valid_until);
        """,
    ];

    public static async Task ApplyAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        await SqliteExchangeStore.ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
        var version = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new ExchangeStoreException(
                $"The SQLite store at '{path}' has schema version {version}, newer than this hub's {CurrentVersion}: it was written by a newer CityRisk hub. Upgrade the hub; the file was not changed.");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using (var migrate = connection.CreateCommand())
            {
                migrate.Transaction = transaction;
                migrate.CommandText = Migrations[next - 1];
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($version)";
                record.Parameters.AddWithValue("$version", next);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
