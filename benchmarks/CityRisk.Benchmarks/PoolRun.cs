using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Resources;
using CityRisk.Server.Partners;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace CityRisk.Benchmarks;

/// <summary>
/// The scripted resource pool run (docs/performance.md, "Pool query" and "Pool commitments"): a hub (<c>cityrisk
/// serve</c>, SQLite) as its own process is loaded with 100,000 resources through PublishBatch; pool queries near
/// random places of the Greater Bay Area are timed through the SDK against a Get of one resource (the round trip) and
/// the hand-written SQL of the same narrowing over the same file, in the same run; then 64 concurrent committers take
/// boats from the same four offers until nothing is left, and the totals are checked for over-commitment.
/// </summary>
internal static class PoolRun
{
    private const int Providers = 40;
    private const int Requesters = 8;
    private static readonly string[] Types = [ResourceTypes.Boat, ResourceTypes.DrainagePump, ResourceTypes.RescueTeam, ResourceTypes.Generator, ResourceTypes.FireEngine, ResourceTypes.MedicalTeam,
        ResourceTypes.Ambulance, ResourceTypes.Shelter, ResourceTypes.Supplies, ResourceTypes.Expert, ResourceTypes.HeavyMachinery, ResourceTypes.Aircraft, ResourceTypes.Drone, ResourceTypes.Communications];

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    public static async Task<int> RunAsync(bool quick)
    {
        if (LoadRun.BuiltCli() is not { } cli)
        {
            return 2;
        }

        var total = int.TryParse(Environment.GetEnvironmentVariable("CITYRISK_POOL_RESOURCES"), out var wanted) ? wanted : quick ? 20_000 : 100_000;
        var folder = Directory.CreateTempSubdirectory("cityrisk-pool-").FullName;
        var database = Path.Combine(folder, "hub.db");
        try
        {
            var ids = Enumerable.Range(0, Providers).Select(i => $"provider-{i:D2}").Concat(Enumerable.Range(0, Requesters).Select(i => $"requester-{i}")).ToList();
            var tokens = ids.ToDictionary(p => p, _ => PartnerTokens.Generate());
            var partners = Path.Combine(folder, "partners.json");
            await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. tokens.Select(t => new Partner
            {
                Id = PartyId.Parse(t.Key),
                Roles = ["city"],
                Groups = ["gba"],
                Credentials = [new PartnerCredential { Id = "load", Hash = PartnerTokens.Hash(t.Value) }],
            })])));
            var (hub, address) = await LoadRun.StartProcessAsync("dotnet", [cli, "serve", "--urls", "http://127.0.0.1:0", "--store", $"sqlite:{database}", "--partners", partners], "cityrisk hub listening on ");
            try
            {
                using var channel = CityRiskChannel.Create(address);
                var exchange = new Exchange.ExchangeClient(channel);
                await LoadAsync(exchange, tokens, total);
                using var requester = new CityRiskClient(address, new CityRiskCredential("requester-0", tokens["requester-0"]));
                await QueryAsync(requester, database, quick ? 200 : 1000);
                await CommitAsync(address, exchange, tokens, quick);
            }
            finally
            {
                hub.Kill(entireProcessTree: true);
                await hub.WaitForExitAsync();
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Resources spread over southern China, denser in the Greater Bay Area; half Restricted to the group, half Public.</summary>
    private static Resource Resource(int n, Random random)
    {
        var dense = random.NextDouble() < 0.6;
        var (lon, lat) = dense ? (112.9 + (random.NextDouble() * 1.6), 21.9 + (random.NextDouble() * 1.4)) : (104 + (random.NextDouble() * 18), 18 + (random.NextDouble() * 14));
        var type = Types[random.Next(Types.Length)];
        var restricted = random.NextDouble() < 0.5;
        return new Resource
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"res-{n:D6}"),
            Owner = $"provider-{n % Providers:D2}",
            Revision = 1,
            Type = type,
            Name = LocalizedText.Of("zh-CN", "应急资源"),
            Quantity = 1 + random.Next(20),
            Unit = "unit",
            Capabilities = [new ResourceCapability { Name = type == ResourceTypes.DrainagePump ? "pumpCapacity" : "capacity", Value = 100 + random.Next(900), Unit = type == ResourceTypes.DrainagePump ? "m3/h" : "1" }],
            Home = new PointGeometry(new GeoPoint(Math.Round(lon, 5), Math.Round(lat, 5))),
            Jurisdiction = "440604",
            Status = random.NextDouble() < 0.9 ? ResourceStatus.Available : ResourceStatus.OutOfService,
            UpdatedAt = Now.AddDays(-1),
            Scope = restricted ? DocumentScope.Restricted : DocumentScope.Public,
            Audience = restricted ? ["group:gba"] : [],
        };
    }

    private static async Task LoadAsync(Exchange.ExchangeClient exchange, Dictionary<string, string> tokens, int total)
    {
        Console.Error.WriteLine($"== loading {total:N0} resources through PublishBatch (one call per provider and thousand, 4 in flight)");
        var codec = DocumentCodecs.Default.Get<Resource>(DocumentFormat.CityRiskJson);
        var clock = Stopwatch.StartNew();
        var chunks = Enumerable.Range(0, (total + 999) / 1000).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, _) =>
        {
            var random = new Random(chunk);
            var resources = Enumerable.Range(chunk * 1000, Math.Min(1000, total - (chunk * 1000))).Select(n => Resource(n, random)).ToList();
            foreach (var group in resources.GroupBy(r => r.Owner))
            {
                var request = new PublishBatchRequest();
                request.Envelopes.AddRange(group.Select(r => ResourceEnvelope.Complete(ResourceEnvelope.Derive(r), codec.Write(r, validate: false).Value!, codec.MediaType, Now)));
                var response = await exchange.PublishBatchAsync(request, As(tokens, group.Key));
                if (response.Results.FirstOrDefault(r => r.OutcomeCase == CityRisk.Protocol.V1.PublishResult.OutcomeOneofCase.Error) is { } failed)
                {
                    throw new InvalidOperationException($"The hub refused a resource: {failed.Error.Message}");
                }
            }
        });
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {total / clock.Elapsed.TotalSeconds:N0} resources/s ({clock.Elapsed.TotalSeconds:N0} s)"));
    }

    /// <summary>Pool queries timed against a Get (the round trip's floor) and the hand-written SQL of the same narrowing, alternating.</summary>
    private static async Task QueryAsync(CityRiskClient client, string database, int runs)
    {
        Console.Error.WriteLine($"== {runs} pool queries (a type, within 30 km of a random place in the Greater Bay Area, up to 100) alternating with a Get and the same SQL");
        await using var sql = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await sql.OpenAsync();
        var random = new Random(7);
        var (pool, get, hand) = (new List<double>(), new List<double>(), new List<double>());
        long found = 0;
        for (var run = 0; run < runs + 20; run++)
        {
            var centre = new GeoPoint(113.0 + (random.NextDouble() * 1.4), 22.0 + (random.NextDouble() * 1.2));
            var type = Types[random.Next(Types.Length)];
            var query = new ResourcePoolQuery { Types = [type], Near = centre, WithinKm = 30 };
            var clock = Stopwatch.StartNew();
            var report = await client.Resources.QueryPoolAsync(query);
            var poolMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await client.Resources.GetAsync<Resource>("provider-00", "res-000000");
            var getMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var rows = HandWritten(sql, type, centre, 30);
            var sqlMs = clock.Elapsed.TotalMilliseconds;
            if (run >= 20)
            {
                pool.Add(poolMs);
                get.Add(getMs);
                hand.Add(sqlMs);
                found += report.Entries.Count;
                _ = rows;
            }
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   pool query p50 {LoadRun.Percentile(pool, 50):F2} ms, p99 {LoadRun.Percentile(pool, 99):F2} ms ({found / (double)runs:F0} resources a query); Get p50 {LoadRun.Percentile(get, 50):F2} ms, p99 {LoadRun.Percentile(get, 99):F2} ms; hand-written SQL p50 {LoadRun.Percentile(hand, 50):F2} ms, p99 {LoadRun.Percentile(hand, 99):F2} ms"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   ratios at p50: pool / Get {LoadRun.Percentile(pool, 50) / LoadRun.Percentile(get, 50):F2}, pool / SQL {LoadRun.Percentile(pool, 50) / LoadRun.Percentile(hand, 50):F2}; at p99: pool / Get {LoadRun.Percentile(pool, 99) / LoadRun.Percentile(get, 99):F2}"));
    }

    /// <summary>A hand-written query over the same rows (type, latitude and longitude between the box's, what open offers hold) and the distance, on the same file.</summary>
    private static int HandWritten(SqliteConnection connection, string type, GeoPoint centre, double km)
    {
        using var command = connection.CreateCommand();
        var dLat = km / 111.2;
        var dLon = dLat / Math.Cos((Math.Abs(centre.Latitude) + dLat) * Math.PI / 180);
        command.CommandText = """
            SELECT r.lon, r.lat, r.quantity - r.committed - (SELECT COALESCE(SUM(max(0, o.quantity - o.committed)), 0) FROM pool_offers AS o WHERE o.owner = r.owner AND o.resource_id = r.id AND o.open = 1 AND o.expires_at > $now)
            FROM pool_resources AS r WHERE r.type = $type AND r.lat BETWEEN $s AND $n AND r.lon BETWEEN $w AND $e
            """;
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$s", centre.Latitude - dLat);
        command.Parameters.AddWithValue("$n", centre.Latitude + dLat);
        command.Parameters.AddWithValue("$w", centre.Longitude - dLon);
        command.Parameters.AddWithValue("$e", centre.Longitude + dLon);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            if (Storage.PoolQuery.DistanceKm(centre.Longitude, centre.Latitude, reader.GetDouble(0), reader.GetDouble(1)) <= km && reader.GetInt64(2) > 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// 64 committers against four offers of 250 boats of one resource of 1,000, for eight requests of 400 (3,200 wanted):
    /// commitments of 1 until every committer has been refused; then the totals. The baseline is 64 committers each
    /// against an offer of its own (no contention), in the same run.
    /// </summary>
    private static async Task CommitAsync(Uri address, Exchange.ExchangeClient exchange, Dictionary<string, string> tokens, bool quick)
    {
        var codecs = DocumentCodecs.Default;
        var provider = "provider-00";
        var boats = new Resource
        {
            Id = "contended-boats", Owner = provider, Revision = 1, Type = ResourceTypes.Boat, Name = LocalizedText.Of("en", "Contended boats"), Quantity = 1000, Unit = "boat",
            Home = new PointGeometry(new GeoPoint(113.12, 23.02)), Jurisdiction = "440604", Status = ResourceStatus.Available, UpdatedAt = Now, Scope = DocumentScope.Restricted, Audience = ["group:gba"],
        };
        var spare = boats with { Id = "uncontended-boats", Quantity = 64 * 16 };
        await PublishAsync(exchange, tokens, provider, boats);
        await PublishAsync(exchange, tokens, provider, spare);
        var requests = Enumerable.Range(0, Requesters).Select(i => new ResourceRequest
        {
            Id = "typhoon-request", Owner = $"requester-{i}", Revision = 1, Title = LocalizedText.Of("en", "Typhoon"), Jurisdiction = "820000", State = ResourceRequestState.Open, UpdatedAt = Now,
            Items = [new ResourceRequestItem { Type = ResourceTypes.Boat, Quantity = 400, DeliverTo = new PointGeometry(new GeoPoint(113.54, 22.2)), NeededBy = Now.AddHours(3) }],
            Scope = DocumentScope.Restricted, Audience = ["group:gba"],
        }).ToList();
        foreach (var request in requests)
        {
            await PublishAsync(exchange, tokens, request.Owner, request);
        }

        ResourceOffer Offer(string id, string resource, int quantity) => new()
        {
            Id = id, Owner = provider, Revision = 1, ResourceId = resource, Quantity = quantity, ExpiresAt = Now.AddDays(1), State = ResourceOfferState.Open, UpdatedAt = Now,
            Scope = DocumentScope.Restricted, Audience = ["group:gba"],
        };
        var offers = Enumerable.Range(0, 4).Select(i => Offer($"contended-{i}", boats.Id, 250)).ToList();
        var own = Enumerable.Range(0, 64).Select(i => Offer($"own-{i}", spare.Id, 16)).ToList();
        foreach (var offer in offers.Concat(own))
        {
            await PublishAsync(exchange, tokens, provider, offer);
        }

        // Baseline: each of 64 committers takes 1 at a time from its own offer (16 each), for its own requester's item.
        var baseline = await RunCommittersAsync(exchange, tokens, "uncontended", i => own[i], 16);
        var contended = await RunCommittersAsync(exchange, tokens, "contended", i => offers[i % 4], int.MaxValue);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== 64 committers: contended on 4 offers {contended.Accepted:N0} accepted and {contended.Refused:N0} refused in {contended.Seconds:F1} s ({(contended.Accepted + contended.Refused) / contended.Seconds:N0} commitments/s, {contended.Accepted / contended.Seconds:N0} accepted/s); uncontended baseline {baseline.Accepted:N0} in {baseline.Seconds:F1} s ({baseline.Accepted / baseline.Seconds:N0}/s); ratio {((contended.Accepted + contended.Refused) / contended.Seconds) / (baseline.Accepted / baseline.Seconds):F2}"));

        using var client = new CityRiskClient(address, new CityRiskCredential(provider, tokens[provider]));
        var entry = (await client.Resources.QueryPoolAsync(new ResourcePoolQuery { Types = [ResourceTypes.Boat], Near = new GeoPoint(113.12, 23.02), WithinKm = 1, IncludeUnavailable = true, Limit = 1000 })).Entries.Single(e => e.Id == boats.Id);
        long filled = 0;
        foreach (var request in requests)
        {
            using var requester = new CityRiskClient(address, new CityRiskCredential(request.Owner, tokens[request.Owner]));
            filled += (await requester.Resources.GetRequestStatusAsync(request.Owner, request.Id)).Items[0].Committed;
        }

        var perOffer = contended.PerOffer.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}").ToList();
        var overCommitted = entry.Committed > 1000 || contended.PerOffer.Values.Any(v => v > 250) || entry.Committed != contended.Accepted || filled != contended.Accepted + baseline.Accepted;
        Console.Error.WriteLine($"   resource committed {entry.Committed} of 1,000 (accepted {contended.Accepted}); per offer: {string.Join(", ", perOffer)}; requests' committed {filled} (accepted in both runs {contended.Accepted + baseline.Accepted}): {(overCommitted ? "OVER-COMMITTED OR TOTALS DO NOT ADD UP" : "zero over-commitment, totals add up")}");
        if (overCommitted)
        {
            throw new InvalidOperationException("The pool over-committed or its totals do not add up.");
        }
    }

    private static async Task<(int Accepted, int Refused, double Seconds, ConcurrentDictionary<string, int> PerOffer)> RunCommittersAsync(Exchange.ExchangeClient exchange, Dictionary<string, string> tokens, string name, Func<int, ResourceOffer> offerOf, int each)
    {
        var codec = DocumentCodecs.Default.Get<ResourceCommitment>(DocumentFormat.CityRiskJson);
        var perOffer = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var requester = $"requester-{i % Requesters}";
            var offer = offerOf(i);
            for (var n = 0; n < each; n++)
            {
                var commitment = new ResourceCommitment
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"{name}-{i}-{n}"), Owner = requester, Revision = 1,
                    Offer = new PoolReference { Owner = offer.Owner, Id = offer.Id }, Request = new RequestItemReference { Owner = requester, Id = "typhoon-request", Item = 0 },
                    Quantity = 1, CommittedAt = Now,
                };
                try
                {
                    await exchange.PublishAsync(new PublishRequest { Envelope = ResourceEnvelope.Complete(ResourceEnvelope.Derive(commitment), codec.Write(commitment, validate: false).Value!, codec.MediaType, Now) }, As(tokens, requester));
                    Interlocked.Increment(ref accepted);
                    perOffer.AddOrUpdate(offer.Id, 1, (_, v) => v + 1);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                {
                    Interlocked.Increment(ref refused);
                    break;
                }
            }
        })));
        return (accepted, refused, clock.Elapsed.TotalSeconds, perOffer);
    }

    private static async Task PublishAsync<T>(Exchange.ExchangeClient exchange, Dictionary<string, string> tokens, string sender, T document)
        where T : class
    {
        var codec = DocumentCodecs.Default.Get<T>(DocumentFormat.CityRiskJson);
        var derived = document switch
        {
            Resource r => ResourceEnvelope.Derive(r),
            ResourceRequest r => ResourceEnvelope.Derive(r),
            ResourceOffer o => ResourceEnvelope.Derive(o),
            _ => throw new ArgumentException("Not a document this run publishes.", nameof(document)),
        };
        await exchange.PublishAsync(new PublishRequest { Envelope = ResourceEnvelope.Complete(derived, codec.Write(document).Value!, codec.MediaType, Now) }, As(tokens, sender));
    }

    private static CallOptions As(Dictionary<string, string> tokens, string partner) => new(new Metadata { { "authorization", $"Bearer {tokens[partner]}" } });
}
