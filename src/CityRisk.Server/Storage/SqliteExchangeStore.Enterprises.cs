using System.Globalization;
using System.Text;
using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

public sealed partial class SqliteExchangeStore
{
    private const string ProfileColumns =
        "p.owner, p.id, p.revision, p.cursor, p.name, p.industry, p.jurisdiction, p.address, p.lon, p.lat, p.employees, p.chemicals, p.major, p.grade, p.insured, p.insurer, p.updated_at, p.rank";

    private const string PeriodColumns =
        "id, owner, period_from, period_to, inspections, found, rectified, overdue, major, penalties, accidents, deaths, injuries, rectification_rate, overdue_rate, per_year, per_100, score";

    /// <inheritdoc/>
    public Task<AppendResult> AppendEnterpriseProfileAsync(StoredMessage message, EnterpriseFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return AppendAsync(message, (transaction, token) => ReplaceProfileAsync(transaction, message.Kind, facts, token), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AppendResult> AppendEnterpriseGrantAsync(StoredMessage message, EnterpriseGrantFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return AppendAsync(message, (transaction, token) => ReplaceGrantAsync(transaction, facts, token), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EnterpriseGrantFacts>> GrantsForAsync(string insurer, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadGrantsAsync(connection, null, insurer, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EnterpriseRecord>> QueryEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: the agreements applied and the rows read are of the same moment.
        using var transaction = connection.BeginTransaction(deferred: true);
        var agreements = query.AsInsurer ? await ReadGrantsAsync(connection, transaction, query.Reader, query.At, cancellationToken).ConfigureAwait(false) : [];
        using var command = Command(connection, transaction, string.Empty);
        var (direct, consents) = Access(command, query, agreements);
        if (direct is null && !consents)
        {
            return [];
        }

        var filters = Filters(command, query, _gapsUntil);
        var after = string.Empty;
        if (query.After is { } position)
        {
            command.Parameters.AddWithValue("$after_rank", position.Score ?? -1);
            command.Parameters.AddWithValue("$after_owner", position.Owner);
            command.Parameters.AddWithValue("$after_id", position.Id);
            after = query.ByScore
                ? " AND (p.rank < $after_rank OR (p.rank = $after_rank AND (p.owner > $after_owner OR (p.owner = $after_owner AND p.id > $after_id))))"
                : " AND (p.id > $after_id OR (p.id = $after_id AND p.owner > $after_owner))";
        }

        command.Parameters.AddWithValue("$limit", query.Limit);
        var page = query.ByScore
            ? PageByScore(query, direct, consents, filters, after)
            : PageByCreditCode(command, query, direct, consents, filters, after, await PlacesAsync(connection, transaction, query, agreements, cancellationToken).ConfigureAwait(false));

        // The page's keys first, then their columns: the consent and the envelope are read for the rows returned only,
        // not for every candidate a sort looks at. The rows are put in order here, not by SQLite: its sort would copy
        // every envelope into a temporary b-tree (about 2 ms of a page of 500).
        command.CommandText = new StringBuilder("SELECT ").Append(ProfileColumns).Append(", ").Append(ConsentColumn)
            .Append(query.WithEnvelope ? ", (SELECT m.envelope FROM messages AS m WHERE m.cursor = p.cursor)" : string.Empty)
            .Append(" FROM (").Append(page).Append(") AS page CROSS JOIN enterprise_profiles AS p ON p.owner = page.o AND p.id = page.i").ToString();

        var records = new List<EnterpriseRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var facts = ReadProfile(reader);
                var (grantId, grantRevision) = query.Own && facts.Owner == query.Reader ? (null, 0)
                    : reader.IsDBNull(18) ? Agreement(EnterpriseRecord.GrantFor(agreements, facts, query.At)) : Consent(reader.GetString(18));
                records.Add(new EnterpriseRecord(facts, reader.GetInt64(3), grantId, grantRevision) { Envelope = query.WithEnvelope ? (byte[])reader.GetValue(19) : null });
            }
        }

        // Keys are unique, so the order is total; and it is SQLite's: partner ids (docs/protocol.md §2.1) and credit
        // codes are ASCII, where ordinal order and SQLite's byte order agree.
        records.Sort((x, y) => query.Compare(EnterprisePosition.Of(x.Facts), EnterprisePosition.Of(y.Facts)));
        return query.WithPeriods ? await WithPeriodsAsync(connection, transaction, records, query, cancellationToken).ConfigureAwait(false) : records;
    }

    /// <inheritdoc/>
    public async Task<long> CountEnterprisesAsync(EnterpriseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: true);
        var agreements = query.AsInsurer ? await ReadGrantsAsync(connection, transaction, query.Reader, query.At, cancellationToken).ConfigureAwait(false) : [];
        using var command = Command(connection, transaction, string.Empty);
        var (direct, consents) = Access(command, query, agreements);
        if (direct is null && !consents)
        {
            return 0;
        }

        var filters = Filters(command, query, _gapsUntil);
        var places = await PlacesAsync(connection, transaction, query, agreements, cancellationToken).ConfigureAwait(false);
        if (consents && (places is not null || direct is null))
        {
            // An insurer's count as a sum of disjoint parts: each (owner, place) its agreements cover, a range of the
            // place index, and its consents to profiles no agreement covers; instead of a consent lookup for every
            // profile (docs/performance.md, "Places merged; native inserts").
            var parts = PlaceRanges(command, places ?? []).Select(range => $"SELECT count(*) AS n FROM enterprise_profiles AS p INDEXED BY enterprise_profiles_by_place WHERE {range} AND {filters}").ToList();
            var uncovered = direct is null ? string.Empty : $" AND NOT ({direct})";
            parts.Add($"SELECT count(*) AS n FROM (SELECT DISTINCT c.credit_code, c.owner FROM {ConsentedRows} WHERE {InForce} AND {filters}{uncovered})");
            command.CommandText = $"SELECT sum(n) FROM ({string.Join(" UNION ALL ", parts)})";
        }
        else
        {
            var access = string.Join(" OR ", new[] { direct, consents ? ConsentSet : null }.OfType<string>());
            command.CommandText = $"SELECT count(*) FROM enterprise_profiles AS p WHERE ({access}) AND {filters}";
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public Task RecordReadsAsync(IReadOnlyList<EnterpriseRead> reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reads);
        return reads.Count == 0 ? Task.CompletedTask : GroupedAsync<object?>(_ =>
        {
            // Through SQLitePCL, the provider under Microsoft.Data.Sqlite: a page's 500 reads in 4.5-5.1 ms instead of
            // 5.9-6.2 ms through a command (docs/performance.md, "Places merged; native inserts"), and the audit is
            // written before a page is answered. On the writer, inside the group's transaction and savepoint.
            var db = Writer.Handle!;
            Check(db, SQLitePCL.raw.sqlite3_prepare_v2(db, """
                INSERT INTO enterprise_reads (read_at, insurer, owner, credit_code, revision, grant_id, grant_revision, via)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """, out var insert));
            using (insert)
            {
                foreach (var read in reads)
                {
                    Check(db, SQLitePCL.raw.sqlite3_bind_int64(insert, 1, read.ReadAt.ToUnixTimeMilliseconds()));
                    Check(db, SQLitePCL.raw.sqlite3_bind_text(insert, 2, read.Insurer));
                    Check(db, SQLitePCL.raw.sqlite3_bind_text(insert, 3, read.Owner));
                    Check(db, SQLitePCL.raw.sqlite3_bind_text(insert, 4, read.CreditCode));
                    Check(db, SQLitePCL.raw.sqlite3_bind_int64(insert, 5, read.Revision));
                    Check(db, SQLitePCL.raw.sqlite3_bind_text(insert, 6, read.GrantId));
                    Check(db, SQLitePCL.raw.sqlite3_bind_int64(insert, 7, read.GrantRevision));
                    Check(db, SQLitePCL.raw.sqlite3_bind_text(insert, 8, read.Via));
                    Check(db, SQLitePCL.raw.sqlite3_step(insert));
                    Check(db, SQLitePCL.raw.sqlite3_reset(insert));
                }
            }

            return Task.FromResult<object?>(null);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<EnterpriseRead>> QueryReadsAsync(EnterpriseReadQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, string.Empty);
        var sql = new StringBuilder("SELECT sequence, read_at, insurer, owner, credit_code, revision, grant_id, grant_revision, via FROM enterprise_reads WHERE owner = $owner");
        command.Parameters.AddWithValue("$owner", query.Owner);
        void Condition(string clause, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(clause);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Condition("credit_code = $code", "$code", query.CreditCode);
        Condition("insurer = $insurer", "$insurer", query.Insurer);
        Condition("read_at >= $from", "$from", query.From?.ToUnixTimeMilliseconds());
        Condition("read_at < $to", "$to", query.To?.ToUnixTimeMilliseconds());
        Condition("sequence < $before", "$before", query.BeforeSequence);
        sql.Append(" ORDER BY sequence DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.CommandText = sql.ToString();

        var reads = new List<EnterpriseRead>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reads.Add(new EnterpriseRead
            {
                Sequence = reader.GetInt64(0),
                ReadAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                Insurer = reader.GetString(2),
                Owner = reader.GetString(3),
                CreditCode = reader.GetString(4),
                Revision = reader.GetInt64(5),
                GrantId = reader.GetString(6),
                GrantRevision = reader.GetInt64(7),
                Via = reader.GetString(8),
            });
        }

        return reads;
    }

    /// <summary>The consent a row is read under: its grant id and revision, separated by U+001F; the lowest grant id in force; NULL without one.</summary>
    private const string ConsentColumn = """
        (SELECT c.grant_id || char(31) || c.grant_revision FROM enterprise_consents AS c
         WHERE c.insurer = $reader AND c.owner = p.owner AND c.credit_code = p.id AND c.valid_from <= $at AND c.valid_until > $at
         ORDER BY c.grant_id LIMIT 1)
        """;

    /// <summary>The most (owner, place) ranges an insurer's page by credit code merges; past it the page walks the credit-code index.</summary>
    private const int MaxPlaceRanges = 64;

    /// <summary>
    /// A page's keys in score order: the rank index walked until the page is full, each row tested against the access
    /// (agreements first: a row one covers needs no lookup of the consents). Scores are spread over districts, so the
    /// covered rows come early; reading every consent apart for each page cost more (docs/performance.md, "Consents
    /// apart"). Left to itself the planner takes the clustered key (owner = the regulator selects every row) and sorts
    /// 150,000 rows for a page of 500. With consents only, they are read apart and sorted.
    /// </summary>
    private static string PageByScore(EnterpriseQuery query, string? direct, bool consents, string filters, string after)
    {
        const string Order = " ORDER BY p.rank DESC, p.owner, p.id LIMIT $limit";
        if (direct is null)
        {
            // DISTINCT: an enterprise may have consented to the same insurer under two grants.
            return $"SELECT o, i FROM (SELECT DISTINCT p.owner AS o, p.id AS i, p.rank AS r FROM {ConsentedRows} WHERE {InForce} AND {filters}{after}{Order})";
        }

        var access = consents ? $"{direct} OR {ConsentSet}" : direct;
        var index = query.CreditCode is null ? "enterprise_profiles_by_rank" : "enterprise_profiles_by_code";
        return $"SELECT p.owner AS o, p.id AS i FROM enterprise_profiles AS p INDEXED BY {index} WHERE ({access}) AND {filters}{after}{Order}";
    }

    /// <summary>
    /// A page's keys in credit-code order, as one ordered merge (SQLite's MERGE (UNION): each range read in order, only
    /// as far as the page needs, duplicates dropped) of: each (owner, place) an insurer's agreements cover, a range of
    /// the place index (<paramref name="places"/>); or, for a regulator's own rows, a credit code, or agreements over
    /// more than <see cref="MaxPlaceRanges"/> places, the credit-code index walked and tested; and the insurer's
    /// consents in force, a range of their index by credit code. A credit code carries its registering division's code
    /// (GB 32100, characters 3-8), so a walk of the credit-code index meets an agreement's rows district by district
    /// and skipped whole districts first (docs/performance.md, "Places merged; native inserts").
    /// </summary>
    private static string PageByCreditCode(SqliteCommand command, EnterpriseQuery query, string? direct, bool consents, string filters, string after, IReadOnlyList<PlaceRange>? places)
    {
        var ranges = new List<string>();
        if (places is not null)
        {
            ranges.AddRange(PlaceRanges(command, places).Select(range => $"SELECT p.id AS i, p.owner AS o FROM enterprise_profiles AS p INDEXED BY enterprise_profiles_by_place WHERE {range}{after} AND {filters}"));
        }
        else if (direct is not null)
        {
            ranges.Add($"SELECT p.id AS i, p.owner AS o FROM enterprise_profiles AS p INDEXED BY enterprise_profiles_by_code WHERE ({direct}) AND {filters}{after}");
        }

        if (consents)
        {
            // DISTINCT: an enterprise may have consented to the same insurer under two grants (the merge drops a
            // duplicate across ranges, not within one when it is alone).
            var consentsAfter = query.After is null ? string.Empty : " AND (c.credit_code > $after_id OR (c.credit_code = $after_id AND c.owner > $after_owner))";
            ranges.Add($"SELECT DISTINCT c.credit_code AS i, c.owner AS o FROM {ConsentedRows} WHERE {InForce}{consentsAfter} AND {filters}");
        }

        // Never empty: places come only with agreements, which an insurer has, and an insurer's consents count.
        return string.Join(" UNION ", ranges) + " ORDER BY 1, 2 LIMIT $limit";
    }

    /// <summary>Each place's condition on the place index, with its parameters added: its owner and place, and the industries of the agreements that cover it.</summary>
    private static List<string> PlaceRanges(SqliteCommand command, IReadOnlyList<PlaceRange> places) => places.Select((place, r) =>
    {
        var name = "$pl" + r.ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name + "_owner", place.Owner);
        command.Parameters.AddWithValue(name + "_place", place.Place);
        var industries = place.Agreements.Select((agreement, a) => AnyPrefix(command, "p.industry", $"{name}_{a.ToString(CultureInfo.InvariantCulture)}_i", agreement.IndustryPrefixes));
        return $"p.owner = {name}_owner AND p.jurisdiction = {name}_place AND ({string.Join(" OR ", industries)})";
    }).ToList();

    /// <summary>One place an insurer's agreements cover, of one owner, with the agreements that cover it.</summary>
    private sealed record PlaceRange(string Owner, string Place, List<EnterpriseGrantFacts> Agreements);

    /// <summary>
    /// For an insurer's page by credit code, or its count: each (owner, place) its agreements in force cover, found by
    /// seeking the next place of the place index (one seek each); null when the reader also reads its own, asks for one
    /// credit code or has no agreement in force, or when its agreements cover more than <see cref="MaxPlaceRanges"/>
    /// places.
    /// </summary>
    private static async Task<IReadOnlyList<PlaceRange>?> PlacesAsync(SqliteConnection connection, SqliteTransaction transaction, EnterpriseQuery query, IReadOnlyList<EnterpriseGrantFacts> agreements, CancellationToken cancellationToken)
    {
        if (query.Own || query.CreditCode is not null || agreements.Count == 0)
        {
            return null;
        }

        // One lower bound a statement, so SQLite seeks to it (with two, it seeks to one and tests the other).
        const string Next = "SELECT jurisdiction FROM enterprise_profiles INDEXED BY enterprise_profiles_by_place WHERE owner = $owner AND jurisdiction {0} $at AND jurisdiction < $high ORDER BY jurisdiction LIMIT 1";
        using var first = Command(connection, transaction, string.Format(CultureInfo.InvariantCulture, Next, ">="));
        using var after = Command(connection, transaction, string.Format(CultureInfo.InvariantCulture, Next, ">"));
        var places = new List<PlaceRange>();
        var byKey = new Dictionary<(string, string), PlaceRange>();
        foreach (var agreement in agreements)
        {
            var prefix = agreement.JurisdictionPrefix!;
            string? place = null;
            while (true)
            {
                var seek = place is null ? first : after;
                seek.Parameters.Clear();
                seek.Parameters.AddWithValue("$owner", agreement.Owner);
                seek.Parameters.AddWithValue("$at", place ?? prefix);
                seek.Parameters.AddWithValue("$high", UpperBound(prefix));
                place = await seek.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (place is null)
                {
                    break;
                }

                if (!byKey.TryGetValue((agreement.Owner, place), out var range))
                {
                    if (places.Count == MaxPlaceRanges)
                    {
                        return null;
                    }

                    byKey.Add((agreement.Owner, place), range = new PlaceRange(agreement.Owner, place, []));
                    places.Add(range);
                }

                range.Agreements.Add(agreement);
            }
        }

        return places;
    }

    /// <summary>The insurer's consents in force (a range of their index by credit code), with the profiles they name (by the credit-code index, which covers every column a page tests).</summary>
    private const string ConsentedRows =
        "enterprise_consents AS c INDEXED BY enterprise_consents_by_code CROSS JOIN enterprise_profiles AS p INDEXED BY enterprise_profiles_by_code ON p.owner = c.owner AND p.id = c.credit_code";

    private const string InForce = "c.insurer = $reader AND c.valid_from <= $at AND c.valid_until > $at";

    /// <summary>
    /// "The row is consented", looked up for each row tested. (The consents as one IN set, built once a statement, was
    /// measured no faster for a page by score and slower for the count: 103-113 against 94-95 ms.)
    /// </summary>
    private const string ConsentSet = "EXISTS " + ConsentColumn;

    /// <summary>
    /// Who may read what, with its parameters added: the rows the reader may read without a consent (its own, what an
    /// agreement covers) as one condition, null when there are none; and whether its consents count (it reads as an
    /// insurer). Neither: it may read nothing.
    /// </summary>
    private static (string? Direct, bool Consents) Access(SqliteCommand command, EnterpriseQuery query, IReadOnlyList<EnterpriseGrantFacts> agreements)
    {
        command.Parameters.AddWithValue("$reader", query.Reader);
        command.Parameters.AddWithValue("$at", query.At.ToUnixTimeMilliseconds());
        var access = new List<string>();
        if (query.Own)
        {
            access.Add("p.owner = $reader");
        }

        if (query.AsInsurer)
        {
            for (var a = 0; a < agreements.Count; a++)
            {
                var agreement = agreements[a];
                var name = "$ag" + a.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(name + "_owner", agreement.Owner);
                access.Add($"(p.owner = {name}_owner AND {Range(command, "p.jurisdiction", name + "_j", agreement.JurisdictionPrefix!)} AND ({AnyPrefix(command, "p.industry", name + "_i", agreement.IndustryPrefixes)}))");
            }
        }

        return (access.Count == 0 ? null : string.Join(" OR ", access), query.AsInsurer);
    }

    /// <summary>The query's own conditions, and that the profile's revision is still in the log, with their parameters added.</summary>
    private static string Filters(SqliteCommand command, EnterpriseQuery query, long gapsUntil)
    {
        // A profile whose latest revision retention has pruned from the log is not read (its document is gone). The log
        // has no gaps after gapsUntil (decision 0025), so there the cursor in the index says it: a lookup into the log
        // per candidate was half of choosing an insurer's filtered page.
        var where = new List<string> { "p.cursor >= (SELECT min(cursor) FROM messages)" };
        if (gapsUntil > 0)
        {
            where.Add("(p.cursor > $gaps_until OR EXISTS (SELECT 1 FROM messages AS m WHERE m.cursor = p.cursor))");
            command.Parameters.AddWithValue("$gaps_until", gapsUntil);
        }

        if (query.CreditCode is { } code)
        {
            where.Add("p.id = $credit_code");
            command.Parameters.AddWithValue("$credit_code", code);
        }

        if (query.Industries.Count > 0)
        {
            where.Add("(" + AnyPrefix(command, "p.industry", "$fi", query.Industries) + ")");
        }

        if (query.Jurisdictions.Count > 0)
        {
            where.Add("(" + AnyPrefix(command, "p.jurisdiction", "$fj", query.Jurisdictions) + ")");
        }

        where.AddRange(InList(command, "p.grade", "$fg", [.. query.RiskGrades]));
        if (query.MinScore is { } min)
        {
            where.Add("p.rank >= 0 AND p.rank >= $min_score");
            command.Parameters.AddWithValue("$min_score", min);
        }

        if (query.MaxScore is { } max)
        {
            where.Add("p.rank >= 0 AND p.rank <= $max_score");
            command.Parameters.AddWithValue("$max_score", max);
        }

        foreach (var (column, value) in new[] { ("p.chemicals", query.HazardousChemicals), ("p.major", query.MajorHazardSource), ("p.insured", query.Insured) })
        {
            if (value is { } flag)
            {
                where.Add($"{column} = {(flag ? 1 : 0)}");
            }
        }

        return string.Join(" AND ", where);
    }

    /// <summary>"column starts with one of the prefixes" as ranges an index can use: [prefix, prefix with its last character raised by one).</summary>
    private static string AnyPrefix(SqliteCommand command, string column, string name, IReadOnlyList<string> prefixes) =>
        string.Join(" OR ", prefixes.Select((prefix, i) => Range(command, column, name + i.ToString(CultureInfo.InvariantCulture), prefix)));

    private static string Range(SqliteCommand command, string column, string name, string prefix)
    {
        command.Parameters.AddWithValue(name + "_lo", prefix);
        command.Parameters.AddWithValue(name + "_hi", UpperBound(prefix));
        return $"{column} >= {name}_lo AND {column} < {name}_hi";
    }

    private static (string?, long) Consent(string packed)
    {
        var separator = packed.LastIndexOf('\u001f');
        return (packed[..separator], long.Parse(packed.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static (string?, long) Agreement(EnterpriseGrantFacts? agreement) => agreement is null ? (null, 0) : (agreement.Id, agreement.Revision);

    /// <summary>An insurer's grants by owner and id (SQLite's text order is ordinal, as the listing promises); with <paramref name="inForceAt"/>, only the agreements in force then.</summary>
    private static async Task<IReadOnlyList<EnterpriseGrantFacts>> ReadGrantsAsync(SqliteConnection connection, SqliteTransaction? transaction, string insurer, DateTimeOffset? inForceAt, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, """
            SELECT owner, id, revision, insurer, credit_code, jurisdiction_prefix, industries, valid_from, valid_until, active FROM enterprise_grants
            WHERE insurer = $insurer
            """ + (inForceAt is null ? string.Empty : " AND credit_code IS NULL AND active = 1 AND valid_from <= $at AND valid_until > $at") + " ORDER BY owner, id");
        command.Parameters.AddWithValue("$insurer", insurer);
        command.Parameters.AddWithValue("$at", inForceAt?.ToUnixTimeMilliseconds() ?? 0);
        var grants = new List<EnterpriseGrantFacts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grants.Add(new EnterpriseGrantFacts
            {
                Owner = reader.GetString(0),
                Id = reader.GetString(1),
                Revision = reader.GetInt64(2),
                Insurer = reader.GetString(3),
                CreditCode = reader.IsDBNull(4) ? null : reader.GetString(4),
                JurisdictionPrefix = reader.IsDBNull(5) ? null : reader.GetString(5),
                IndustryPrefixes = reader.GetString(6).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                ValidFrom = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                ValidUntil = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                Active = reader.GetInt64(9) == 1,
            });
        }

        return grants;
    }

    private static EnterpriseFacts ReadProfile(SqliteDataReader reader) => new()
    {
        Owner = reader.GetString(0),
        Id = reader.GetString(1),
        Revision = reader.GetInt64(2),
        Name = reader.GetString(4),
        Industry = reader.GetString(5),
        Jurisdiction = reader.GetString(6),
        Address = reader.GetString(7),
        Longitude = reader.GetDouble(8),
        Latitude = reader.GetDouble(9),
        Employees = reader.GetInt32(10),
        HazardousChemicals = reader.GetInt64(11) == 1,
        MajorHazardSource = reader.GetInt64(12) == 1,
        RiskGrade = reader.GetString(13),
        Insured = reader.GetInt64(14) == 1,
        Insurer = reader.GetString(15),
        UpdatedAt = reader.GetString(16),
        RiskScore = reader.GetDouble(17) is var rank && rank < 0 ? null : rank,
    };

    /// <summary>
    /// Adds each record's periods. In credit-code order (the export) the page's periods are one range of the periods'
    /// clustered key, read at once; in score order each profile's are read by key.
    /// </summary>
    private static async Task<IReadOnlyList<EnterpriseRecord>> WithPeriodsAsync(SqliteConnection connection, SqliteTransaction transaction, List<EnterpriseRecord> records, EnterpriseQuery query, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return records;
        }

        var periods = records.ToDictionary(r => (r.Facts.Id, r.Facts.Owner), _ => new List<EnterprisePeriodFacts>());
        using var command = Command(connection, transaction, string.Empty);
        if (!query.ByScore)
        {
            var first = records[0].Facts;
            var last = records[^1].Facts;
            command.CommandText = $"SELECT {PeriodColumns} FROM enterprise_periods WHERE (id > $first_id OR (id = $first_id AND owner >= $first_owner)) AND (id < $last_id OR (id = $last_id AND owner <= $last_owner)) ORDER BY id, owner, seq";
            command.Parameters.AddWithValue("$first_id", first.Id);
            command.Parameters.AddWithValue("$first_owner", first.Owner);
            command.Parameters.AddWithValue("$last_id", last.Id);
            command.Parameters.AddWithValue("$last_owner", last.Owner);
            await ReadPeriodsAsync(command, periods, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            command.CommandText = $"SELECT {PeriodColumns} FROM enterprise_periods WHERE id = $id AND owner = $owner ORDER BY seq";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var owner = command.Parameters.Add("$owner", SqliteType.Text);
            foreach (var record in records)
            {
                id.Value = record.Facts.Id;
                owner.Value = record.Facts.Owner;
                await ReadPeriodsAsync(command, periods, cancellationToken).ConfigureAwait(false);
            }
        }

        return [.. records.Select(r => r with { Facts = r.Facts with { Periods = periods[(r.Facts.Id, r.Facts.Owner)] } })];
    }

    private static async Task ReadPeriodsAsync(SqliteCommand command, Dictionary<(string, string), List<EnterprisePeriodFacts>> periods, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A range can hold periods of profiles the filters left out between the page's first and last: skipped.
            if (!periods.TryGetValue((reader.GetString(0), reader.GetString(1)), out var list))
            {
                continue;
            }

            list.Add(new EnterprisePeriodFacts
            {
                From = reader.GetString(2),
                To = reader.GetString(3),
                Inspections = reader.GetInt32(4),
                HiddenDangersFound = reader.GetInt32(5),
                HiddenDangersRectified = reader.GetInt32(6),
                HiddenDangersOverdue = reader.GetInt32(7),
                MajorHiddenDangers = reader.GetInt32(8),
                Penalties = reader.GetInt32(9),
                Accidents = reader.GetInt32(10),
                Deaths = reader.GetInt32(11),
                Injuries = reader.GetInt32(12),
                RectificationRate = reader.IsDBNull(13) ? null : reader.GetDouble(13),
                OverdueRate = reader.IsDBNull(14) ? null : reader.GetDouble(14),
                AccidentsPerYear = reader.GetDouble(15),
                AccidentsPer100Employees = reader.IsDBNull(16) ? null : reader.GetDouble(16),
                RiskScore = reader.GetDouble(17),
            });
        }
    }

    private async Task ReplaceProfileAsync(SqliteTransaction transaction, string kind, EnterpriseFacts facts, CancellationToken cancellationToken)
    {
        var delete = WriterCommand(transaction, "DELETE FROM enterprise_periods WHERE id = $id AND owner = $owner");
        delete.Parameters.AddWithValue("$owner", facts.Owner);
        delete.Parameters.AddWithValue("$id", facts.Id);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var upsert = WriterCommand(transaction, """
            INSERT OR REPLACE INTO enterprise_profiles (owner, id, revision, cursor, name, industry, jurisdiction, address, lon, lat, employees, chemicals, major, grade, insured, insurer, updated_at, rank)
            VALUES ($owner, $id, $revision, (SELECT cursor FROM entities WHERE kind = $kind AND owner = $owner AND id = $id), $name, $industry, $jurisdiction, $address,
                    $lon, $lat, $employees, $chemicals, $major, $grade, $insured, $insurer, $updated, $rank)
            """);
        upsert.Parameters.AddWithValue("$owner", facts.Owner);
        upsert.Parameters.AddWithValue("$id", facts.Id);
        upsert.Parameters.AddWithValue("$revision", facts.Revision);
        upsert.Parameters.AddWithValue("$kind", kind);
        upsert.Parameters.AddWithValue("$name", facts.Name);
        upsert.Parameters.AddWithValue("$industry", facts.Industry);
        upsert.Parameters.AddWithValue("$jurisdiction", facts.Jurisdiction);
        upsert.Parameters.AddWithValue("$address", facts.Address);
        upsert.Parameters.AddWithValue("$lon", facts.Longitude);
        upsert.Parameters.AddWithValue("$lat", facts.Latitude);
        upsert.Parameters.AddWithValue("$employees", facts.Employees);
        upsert.Parameters.AddWithValue("$chemicals", facts.HazardousChemicals ? 1 : 0);
        upsert.Parameters.AddWithValue("$major", facts.MajorHazardSource ? 1 : 0);
        upsert.Parameters.AddWithValue("$grade", facts.RiskGrade);
        upsert.Parameters.AddWithValue("$insured", facts.Insured ? 1 : 0);
        upsert.Parameters.AddWithValue("$insurer", facts.Insurer);
        upsert.Parameters.AddWithValue("$updated", facts.UpdatedAt);
        upsert.Parameters.AddWithValue("$rank", facts.RiskScore ?? -1);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        if (facts.Periods.Count == 0)
        {
            return;
        }

        var insert = WriterCommand(transaction, """
            INSERT INTO enterprise_periods (id, owner, seq, period_from, period_to, inspections, found, rectified, overdue, major, penalties, accidents, deaths, injuries,
                                            rectification_rate, overdue_rate, per_year, per_100, score)
            VALUES ($id, $owner, $seq, $from, $to, $inspections, $found, $rectified, $overdue, $major, $penalties, $accidents, $deaths, $injuries,
                    $rectification_rate, $overdue_rate, $per_year, $per_100, $score)
            """);
        for (var seq = 0; seq < facts.Periods.Count; seq++)
        {
            var period = facts.Periods[seq];
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", facts.Id);
            insert.Parameters.AddWithValue("$owner", facts.Owner);
            insert.Parameters.AddWithValue("$seq", seq);
            insert.Parameters.AddWithValue("$from", period.From);
            insert.Parameters.AddWithValue("$to", period.To);
            insert.Parameters.AddWithValue("$inspections", period.Inspections);
            insert.Parameters.AddWithValue("$found", period.HiddenDangersFound);
            insert.Parameters.AddWithValue("$rectified", period.HiddenDangersRectified);
            insert.Parameters.AddWithValue("$overdue", period.HiddenDangersOverdue);
            insert.Parameters.AddWithValue("$major", period.MajorHiddenDangers);
            insert.Parameters.AddWithValue("$penalties", period.Penalties);
            insert.Parameters.AddWithValue("$accidents", period.Accidents);
            insert.Parameters.AddWithValue("$deaths", period.Deaths);
            insert.Parameters.AddWithValue("$injuries", period.Injuries);
            insert.Parameters.AddWithValue("$rectification_rate", (object?)period.RectificationRate ?? DBNull.Value);
            insert.Parameters.AddWithValue("$overdue_rate", (object?)period.OverdueRate ?? DBNull.Value);
            insert.Parameters.AddWithValue("$per_year", period.AccidentsPerYear);
            insert.Parameters.AddWithValue("$per_100", (object?)period.AccidentsPer100Employees ?? DBNull.Value);
            insert.Parameters.AddWithValue("$score", period.RiskScore);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ReplaceGrantAsync(SqliteTransaction transaction, EnterpriseGrantFacts facts, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        using (var upsert = Command(connection, transaction, """
            INSERT OR REPLACE INTO enterprise_grants (owner, id, revision, insurer, credit_code, jurisdiction_prefix, industries, valid_from, valid_until, active)
            VALUES ($owner, $id, $revision, $insurer, $code, $prefix, $industries, $from, $until, $active);
            DELETE FROM enterprise_consents WHERE owner = $owner AND grant_id = $id AND insurer = $insurer;
            """))
        {
            upsert.Parameters.AddWithValue("$owner", facts.Owner);
            upsert.Parameters.AddWithValue("$id", facts.Id);
            upsert.Parameters.AddWithValue("$revision", facts.Revision);
            upsert.Parameters.AddWithValue("$insurer", facts.Insurer);
            upsert.Parameters.AddWithValue("$code", (object?)facts.CreditCode ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$prefix", (object?)facts.JurisdictionPrefix ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$industries", string.Join(' ', facts.IndustryPrefixes));
            upsert.Parameters.AddWithValue("$from", facts.ValidFrom.ToUnixTimeMilliseconds());
            upsert.Parameters.AddWithValue("$until", facts.ValidUntil.ToUnixTimeMilliseconds());
            upsert.Parameters.AddWithValue("$active", facts.Active ? 1 : 0);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (facts.CreditCode is null || !facts.Active)
        {
            return;
        }

        using var consent = Command(connection, transaction, """
            INSERT INTO enterprise_consents (insurer, owner, credit_code, grant_id, grant_revision, valid_from, valid_until)
            VALUES ($insurer, $owner, $code, $id, $revision, $from, $until)
            """);
        consent.Parameters.AddWithValue("$insurer", facts.Insurer);
        consent.Parameters.AddWithValue("$owner", facts.Owner);
        consent.Parameters.AddWithValue("$code", facts.CreditCode);
        consent.Parameters.AddWithValue("$id", facts.Id);
        consent.Parameters.AddWithValue("$revision", facts.Revision);
        consent.Parameters.AddWithValue("$from", facts.ValidFrom.ToUnixTimeMilliseconds());
        consent.Parameters.AddWithValue("$until", facts.ValidUntil.ToUnixTimeMilliseconds());
        await consent.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
