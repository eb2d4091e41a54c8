using System.Globalization;
using System.Text;
using System.Text.Json;
using CityRisk.Storage;
using Microsoft.Data.Sqlite;

namespace CityRisk.Server.Storage;

public sealed partial class SqliteExchangeStore
{
    /// <inheritdoc/>
    public Task<AppendResult> AppendPoolStepAsync(StoredMessage message, PoolStep change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);

        // The ledger runs after the append's own checks, inside its savepoint: a refusal rolls the message back too.
        return AppendAsync(message, (transaction, _) =>
        {
            PoolLedger.Apply(change, new PoolRows(Writer, transaction));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PoolEntryRecord>> QueryPoolAsync(PoolQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, string.Empty);
        command.Parameters.AddWithValue("$now", query.At.ToUnixTimeMilliseconds());
        var select = $"""
            SELECT {PoolRows.ResourceColumns},
                   (SELECT COALESCE(SUM(max(0, o.quantity - o.committed)), 0) FROM pool_offers AS o
                    WHERE o.owner = r.owner AND o.resource_id = r.id AND o.open = 1 AND o.expires_at > $now)
            FROM pool_resources AS r
            """;
        var sql = new StringBuilder();
        var types = query.Types.ToList();
        var bands = query.BoundingBox() is { } box ? Cells.Bands(box.South, box.North, box.West, box.East) : null;
        if (bands is not null && types.Count > 0 && types.Count * bands.Count <= MaxRanges)
        {
            // Resources are clustered by (type, cell): each type's latitude band of cells is one contiguous range.
            for (var t = 0; t < types.Count; t++)
            {
                command.Parameters.AddWithValue($"$t{t}", types[t]);
                foreach (var (low, high) in bands)
                {
                    sql.Append(sql.Length == 0 ? string.Empty : " UNION ALL ").Append(select)
                        .Append(CultureInfo.InvariantCulture, $" WHERE r.type = $t{t} AND r.cell BETWEEN {low} AND {high}");
                }
            }
        }
        else if (bands is not null && bands.Count <= MaxRanges)
        {
            var typeList = types.Count > 0 ? Parameters(command, "$t", types) : null;
            foreach (var (low, high) in bands)
            {
                sql.Append(sql.Length == 0 ? string.Empty : " UNION ALL ").Append(select).Append(CultureInfo.InvariantCulture, $" WHERE r.cell BETWEEN {low} AND {high}");
                if (typeList is not null)
                {
                    sql.Append(CultureInfo.InvariantCulture, $" AND r.type IN ({typeList})");
                }
            }
        }
        else
        {
            sql.Append(select).Append(" WHERE 1 = 1");
            if (types.Count > 0)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND r.type IN ({Parameters(command, "$t", types)})");
            }
        }

        command.CommandText = sql.ToString();
        var found = new List<PoolEntryRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // The box holds the circle's corners too: measure before reading the row's JSON columns.
                if (query.Near is { } centre && PoolQuery.DistanceKm(centre.Longitude, centre.Latitude, reader.GetDouble(7), reader.GetDouble(8)) > query.WithinKm)
                {
                    continue;
                }

                var resource = PoolRows.ReadResource(reader);
                if (!query.Admits(resource, out var distance))
                {
                    continue;
                }

                var offered = (int)reader.GetInt64(PoolRows.ResourceColumnCount);
                var available = PoolLedger.Available(resource, offered);
                if (available > 0 || query.IncludeUnavailable)
                {
                    found.Add(new PoolEntryRecord(resource, offered, available, distance));
                }
            }
        }

        return [.. (query.Near is null
            ? found.OrderBy(e => e.Resource.Owner, StringComparer.Ordinal).ThenBy(e => e.Resource.Id, StringComparer.Ordinal)
            : found.OrderBy(e => e.DistanceKm).ThenBy(e => e.Resource.Owner, StringComparer.Ordinal).ThenBy(e => e.Resource.Id, StringComparer.Ordinal)).Take(query.Limit + 1)];
    }

    /// <summary>The most ranges one pool query reads before it falls back to reading every resource of its types.</summary>
    private const int MaxRanges = 256;

    /// <inheritdoc/>
    public async Task<RequestFillRecord?> GetRequestFillAsync(string owner, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new PoolRows(connection, null);
        if (rows.Request(owner, id) is not { } request)
        {
            return null;
        }

        var offered = new int[request.Items.Count];
        using var command = Command(connection, null, """
            SELECT request_item, SUM(max(0, quantity - committed)) FROM pool_offers
            WHERE request_owner = $owner AND request_id = $id AND open = 1 AND expires_at > $now GROUP BY request_item
            """);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", at.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var item = (int)reader.GetInt64(0);
            if (item >= 0 && item < offered.Length)
            {
                offered[item] = (int)reader.GetInt64(1);
            }
        }

        return new RequestFillRecord(request, offered);
    }

    /// <summary>The ledger's rows in SQLite, read and written on one connection (the writer's, inside its transaction).</summary>
    private sealed class PoolRows(SqliteConnection connection, SqliteTransaction? transaction) : IPoolLedgerRows
    {
        public const string ResourceColumns = "r.owner, r.id, r.revision, r.type, r.unit, r.quantity, r.status, r.lon, r.lat, r.jurisdiction, r.capabilities, r.public, r.viewers, r.committed";

        public const int ResourceColumnCount = 14;

        private const string OfferColumns = "owner, id, resource_id, quantity, expires_at, request_owner, request_id, request_item, open, committed";

        public PooledResource? Resource(string owner, string id) =>
            One($"SELECT {ResourceColumns} FROM pool_resources AS r WHERE r.owner = $owner AND r.id = $id", owner, id, ReadResource);

        public IReadOnlyList<PooledOffer> OpenOffersOf(string owner, string resourceId) =>
            Offers($"SELECT {OfferColumns} FROM pool_offers WHERE owner = $owner AND resource_id = $id AND open = 1", owner, resourceId);

        public IReadOnlyList<PooledOffer> OpenOffersFor(string requestOwner, string requestId) =>
            Offers($"SELECT {OfferColumns} FROM pool_offers WHERE request_owner = $owner AND request_id = $id AND open = 1", requestOwner, requestId);

        public PooledOffer? Offer(string owner, string id) =>
            One($"SELECT {OfferColumns} FROM pool_offers WHERE owner = $owner AND id = $id", owner, id, ReadOffer);

        public PooledRequest? Request(string owner, string id) =>
            One("SELECT owner, id, revision, state, items FROM pool_requests WHERE owner = $owner AND id = $id", owner, id, reader => new PooledRequest
            {
                Owner = reader.GetString(0),
                Id = reader.GetString(1),
                Revision = reader.GetInt64(2),
                State = reader.GetString(3),
                Items = [.. JsonSerializer.Deserialize<string[][]>(reader.GetString(4))!.Select(i => new PooledRequestItem(i[0], Number(i[1]), Number(i[2]), Number(i[3])))],
            });

        public PooledCommitment? Commitment(string owner, string id) =>
            One("SELECT owner, id, provider, offer_id, resource_id, request_id, item, quantity, released, stage FROM pool_commitments WHERE owner = $owner AND id = $id", owner, id, reader => new PooledCommitment
            {
                Owner = reader.GetString(0),
                Id = reader.GetString(1),
                Provider = reader.GetString(2),
                OfferId = reader.GetString(3),
                ResourceId = reader.GetString(4),
                RequestId = reader.GetString(5),
                Item = reader.GetInt32(6),
                Quantity = reader.GetInt32(7),
                Released = reader.GetInt32(8),
                Stage = reader.GetInt32(9),
            });

        public void Save(PooledResource resource) => Execute("""
            INSERT OR REPLACE INTO pool_resources (type, cell, owner, id, revision, unit, quantity, status, lon, lat, jurisdiction, capabilities, public, viewers, committed)
            VALUES ($type, $cell, $owner, $id, $revision, $unit, $quantity, $status, $lon, $lat, $jurisdiction, $capabilities, $public, $viewers, $committed)
            """, ("$cell", Cells.Of(resource.Longitude, resource.Latitude)), ("$owner", resource.Owner), ("$id", resource.Id), ("$revision", resource.Revision), ("$type", resource.Type), ("$unit", resource.Unit),
            ("$quantity", resource.Quantity), ("$status", resource.Status), ("$lon", resource.Longitude), ("$lat", resource.Latitude), ("$jurisdiction", resource.Jurisdiction),
            ("$capabilities", JsonSerializer.Serialize(resource.Capabilities.Select(c => new[] { c.Name, c.Value.ToString("R", CultureInfo.InvariantCulture), c.Unit }).ToArray())),
            ("$public", resource.Public ? 1 : 0), ("$viewers", JsonSerializer.Serialize(resource.Viewers.ToArray())), ("$committed", resource.Committed));

        public void Save(PooledOffer offer) => Execute($"""
            INSERT OR REPLACE INTO pool_offers ({OfferColumns})
            VALUES ($owner, $id, $resource, $quantity, $expires, $request_owner, $request_id, $request_item, $open, $committed)
            """, ("$owner", offer.Owner), ("$id", offer.Id), ("$resource", offer.ResourceId), ("$quantity", offer.Quantity), ("$expires", offer.ExpiresAt.ToUnixTimeMilliseconds()),
            ("$request_owner", offer.Request?.Owner), ("$request_id", offer.Request?.Id), ("$request_item", offer.Request?.Item), ("$open", offer.Open ? 1 : 0), ("$committed", offer.Committed));

        public void Save(PooledRequest request) => Execute("""
            INSERT OR REPLACE INTO pool_requests (owner, id, revision, state, items) VALUES ($owner, $id, $revision, $state, $items)
            """, ("$owner", request.Owner), ("$id", request.Id), ("$revision", request.Revision), ("$state", request.State),
            ("$items", JsonSerializer.Serialize(request.Items.Select(i => new[] { i.Type, Text(i.Wanted), Text(i.Committed), Text(i.Released) }).ToArray())));

        public void Save(PooledCommitment commitment) => Execute("""
            INSERT OR REPLACE INTO pool_commitments (owner, id, provider, offer_id, resource_id, request_id, item, quantity, released, stage)
            VALUES ($owner, $id, $provider, $offer, $resource, $request, $item, $quantity, $released, $stage)
            """, ("$owner", commitment.Owner), ("$id", commitment.Id), ("$provider", commitment.Provider), ("$offer", commitment.OfferId), ("$resource", commitment.ResourceId),
            ("$request", commitment.RequestId), ("$item", commitment.Item), ("$quantity", commitment.Quantity), ("$released", commitment.Released), ("$stage", commitment.Stage));

        public static PooledResource ReadResource(SqliteDataReader reader) => new()
        {
            Owner = reader.GetString(0),
            Id = reader.GetString(1),
            Revision = reader.GetInt64(2),
            Type = reader.GetString(3),
            Unit = reader.GetString(4),
            Quantity = reader.GetInt32(5),
            Status = reader.GetString(6),
            Longitude = reader.GetDouble(7),
            Latitude = reader.GetDouble(8),
            Jurisdiction = reader.GetString(9),
            Capabilities = [.. JsonSerializer.Deserialize<string[][]>(reader.GetString(10))!.Select(c => (c[0], double.Parse(c[1], CultureInfo.InvariantCulture), c[2]))],
            Public = reader.GetInt64(11) == 1,
            Viewers = JsonSerializer.Deserialize<string[]>(reader.GetString(12))!,
            Committed = reader.GetInt32(13),
        };

        private static PooledOffer ReadOffer(SqliteDataReader reader) => new()
        {
            Owner = reader.GetString(0),
            Id = reader.GetString(1),
            ResourceId = reader.GetString(2),
            Quantity = reader.GetInt32(3),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            Request = reader.IsDBNull(5) ? null : (reader.GetString(5), reader.GetString(6), reader.GetInt32(7)),
            Open = reader.GetInt64(8) == 1,
            Committed = reader.GetInt32(9),
        };

        private List<PooledOffer> Offers(string sql, string owner, string id)
        {
            using var command = Command(connection, transaction, sql);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            var offers = new List<PooledOffer>();
            while (reader.Read())
            {
                offers.Add(ReadOffer(reader));
            }

            return offers;
        }

        private T? One<T>(string sql, string owner, string id, Func<SqliteDataReader, T> read)
            where T : class
        {
            using var command = Command(connection, transaction, sql);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            return reader.Read() ? read(reader) : null;
        }

        private void Execute(string sql, params (string Name, object? Value)[] values)
        {
            using var command = Command(connection, transaction, sql);
            foreach (var (name, value) in values)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            command.ExecuteNonQuery();
        }

        private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The grid the pool is clustered by: cells of 0.1 degree, numbered row by row from the south-west
    /// (<c>latitude row * 4096 + longitude column</c>), so each row of cells a box covers is one range of numbers.
    /// </summary>
    private static class Cells
    {
        private const double Size = 0.1;
        private const int Columns = 4096;

        public static long Of(double longitude, double latitude) => (Row(latitude) * Columns) + Column(longitude);

        /// <summary>For each row of cells the box covers, the first and last cell numbers.</summary>
        public static List<(long Low, long High)> Bands(double south, double north, double west, double east)
        {
            var (west0, east0) = (Column(west), Column(east));
            return [.. Enumerable.Range(Row(south), Row(north) - Row(south) + 1).Select(row => (((long)row * Columns) + west0, ((long)row * Columns) + east0))];
        }

        private static int Row(double latitude) => (int)Math.Floor((Math.Clamp(latitude, -90, 90) + 90) / Size);

        private static int Column(double longitude) => (int)Math.Floor((Math.Clamp(longitude, -180, 180) + 180) / Size);
    }
}
