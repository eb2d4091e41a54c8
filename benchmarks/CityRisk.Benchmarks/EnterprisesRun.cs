using System.Diagnostics;
using System.Globalization;
using CityRisk.Client;
using CityRisk.Enterprises;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Partners;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace CityRisk.Benchmarks;

/// <summary>
/// The scripted enterprise risk run (docs/performance.md, "Enterprise queries and export"): a hub (<c>cityrisk
/// serve</c>, SQLite) as its own process is loaded with 150,000 enterprise profiles (Shenzhen has 140,000 enterprises)
/// through PublishBatch, and grants for an insurer (an agreement for two districts' chemical industries and 2,000
/// consents elsewhere); then filtered pages of 500 are timed through the SDK for the insurer and the regulator, and the
/// CSV export through the SDK is timed against a plain SQLite read of the same rows of the same file in the same run,
/// with the peak memory of the hub and of the exporting client.
/// </summary>
internal static class EnterprisesRun
{
    private const int Chunk = 1_000;
    private const int InFlight = 4;
    private const string Regulator = "sz-yjj";
    private const string Insurer = "pingan-insurance";
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly string[] Districts = ["440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310"];
    private static readonly string[] Industries = ["C2614", "C2641", "C2662", "C2682", "C2710", "C1711", "C1810", "C3311", "C3360", "C3891", "C3914", "E4710", "F5162", "G5942", "H6110"];
    private static readonly DocumentCodec<EnterpriseRiskProfile> Profiles = DocumentCodecs.Default.Get<EnterpriseRiskProfile>(DocumentFormat.CityRiskJson);
    private static readonly DocumentCodec<EnterpriseGrant> Grants = DocumentCodecs.Default.Get<EnterpriseGrant>(DocumentFormat.CityRiskJson);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    public static async Task<int> RunAsync(bool quick)
    {
        if (LoadRun.BuiltCli() is not { } cli)
        {
            return 2;
        }

        var total = int.TryParse(Environment.GetEnvironmentVariable("CITYRISK_ENTERPRISES"), out var wanted) ? wanted : quick ? 20_000 : 150_000;
        var folder = Directory.CreateTempSubdirectory("cityrisk-enterprises-").FullName;
        var database = Path.Combine(folder, "hub.db");
        try
        {
            var tokens = new Dictionary<string, string> { [Regulator] = PartnerTokens.Generate(), [Insurer] = PartnerTokens.Generate() };
            var partners = Path.Combine(folder, "partners.json");
            await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. tokens.Select(t => new Partner
            {
                Id = PartyId.Parse(t.Key),
                Roles = [t.Key == Regulator ? "regulator" : "insurer"],
                Credentials = [new PartnerCredential { Id = "load", Hash = PartnerTokens.Hash(t.Value) }],
            })])));
            var (hub, address) = await LoadRun.StartProcessAsync("dotnet", [cli, "serve", "--urls", "http://127.0.0.1:0", "--store", $"sqlite:{database}", "--partners", partners], "cityrisk hub listening on ");
            try
            {
                using var channel = CityRiskChannel.Create(address);
                var exchange = new Exchange.ExchangeClient(channel);
                var codes = await LoadAsync(exchange, tokens[Regulator], total);
                await GrantAsync(exchange, tokens[Regulator], codes);

                using var insurer = new CityRiskClient(address, new CityRiskCredential(Insurer, tokens[Insurer]));
                using var regulator = new CityRiskClient(address, new CityRiskCredential(Regulator, tokens[Regulator]));
                var runs = quick ? 50 : 200;
                await PagesAsync(insurer, "the insurer: hazardous chemicals, score >= 40, by score (agreement + consents applied to every row)",
                    new EnterpriseProfileQuery { HazardousChemicals = true, MinScore = 40 }, runs);
                await BreakdownAsync(exchange, tokens[Insurer], database, runs);
                await PagesAsync(insurer, "the insurer: all it may read, by credit code",
                    new EnterpriseProfileQuery { OrderBy = EnterpriseOrder.CreditCode }, runs);
                await PagesAsync(regulator, "the regulator: Major or Significant in 440305 and 440306, by score",
                    new EnterpriseProfileQuery { RiskGrades = [RiskGrade.Major, RiskGrade.Significant], Jurisdictions = ["440305", "440306"] }, runs);
                await CountAsync(insurer, runs / 4);

                await ExportAsync(insurer, hub, database, "the insurer's export (what its grants cover)", insurerOnly: true, quick ? 3 : 5);
                await ExportAsync(regulator, hub, database, "the regulator's export (every profile)", insurerOnly: false, quick ? 3 : 5);
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

    private static string Code(int n)
    {
        var digits = string.Concat(Enumerable.Range(0, 9).Select(i => Alphabet[(int)((uint)(n * 2654435761u >> (i * 3)) % Alphabet.Length)]));
        var first17 = "91" + Districts[n % Districts.Length] + digits;
        return first17 + UnifiedSocialCreditCode.CheckCharacterOf(first17);
    }

    private static EnterpriseRiskProfile Profile(int n, string code, Random random)
    {
        var district = Districts[n % Districts.Length];
        var industry = Industries[random.Next(Industries.Length)];
        var chemical = industry.StartsWith("C26", StringComparison.Ordinal) || industry.StartsWith("C27", StringComparison.Ordinal);
        var employees = 5 + (int)(random.NextDouble() * random.NextDouble() * 2000);
        var periods = new List<EnterprisePeriod>();
        var count = random.Next(0, 4);
        for (var p = 0; p < count; p++)
        {
            var found = random.Next(0, 30);
            var rectified = random.Next(0, found + 1);
            var overdue = random.Next(0, found - rectified + 1);
            var accidents = random.NextDouble() < 0.08 ? random.Next(1, 3) : 0;
            var from = new DateTimeOffset(2023 + p, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
            periods.Add(new EnterprisePeriod
            {
                From = from, To = from.AddYears(1), Inspections = random.Next(1, 8), HiddenDangersFound = found, HiddenDangersRectified = rectified, HiddenDangersOverdue = overdue,
                MajorHiddenDangers = random.Next(0, Math.Min(found, 3) + 1), Penalties = random.Next(0, 3), Accidents = accidents, Injuries = accidents,
            });
        }

        return new EnterpriseRiskProfile
        {
            Id = code,
            Owner = Regulator,
            Revision = 1,
            CreditCode = code,
            Name = LocalizedText.Of("zh-CN", string.Create(CultureInfo.InvariantCulture, $"深圳市某{(chemical ? "化工" : "制造")}有限公司{n:D6}")),
            Industry = industry,
            Jurisdiction = district,
            Address = "深圳市",
            Location = new PointGeometry(new GeoPoint(113.8 + (random.NextDouble() * 0.6), 22.45 + (random.NextDouble() * 0.3))),
            Employees = employees,
            HazardousChemicals = chemical || random.NextDouble() < 0.05,
            MajorHazardSource = chemical && random.NextDouble() < 0.3,
            RiskGrade = (RiskGrade)random.Next(1, 5),
            Periods = periods,
            Insured = random.NextDouble() < 0.6,
            UpdatedAt = Now,
        };
    }

    private static async Task<string[]> LoadAsync(Exchange.ExchangeClient exchange, string token, int total)
    {
        Console.Error.WriteLine($"== loading {total:N0} enterprise profiles through PublishBatch ({Chunk:N0} a call, {InFlight} in flight)");
        var codes = Enumerable.Range(0, total).Select(Code).ToArray();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) * Chunk < total)
            {
                var random = new Random(chunk);
                var request = new PublishBatchRequest();
                for (var n = chunk * Chunk; n < Math.Min(total, (chunk + 1) * Chunk); n++)
                {
                    var profile = Profile(n, codes[n], random);
                    request.Envelopes.Add(EnterpriseEnvelope.Complete(EnterpriseEnvelope.Derive(profile), Profiles.Write(profile, validate: false).Value!, Profiles.MediaType, Now));
                }

                await SendAsync(exchange, token, request);
                if (chunk % 25 == 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {(chunk + 1) * Chunk:N0} profiles, {clock.Elapsed.TotalSeconds:N0} s"));
                }
            }
        })));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {total / clock.Elapsed.TotalSeconds:N0} profiles/s ({total:N0} in {clock.Elapsed.TotalSeconds:N1} s)"));
        return codes;
    }

    private static async Task GrantAsync(Exchange.ExchangeClient exchange, string token, string[] codes)
    {
        var request = new PublishBatchRequest();
        void Add(EnterpriseGrant grant) => request.Envelopes.Add(EnterpriseEnvelope.Complete(EnterpriseEnvelope.Derive(grant), Grants.Write(grant).Value!, Grants.MediaType, Now));
        EnterpriseGrant Base(string id) => new()
        {
            Id = id, Owner = Regulator, Revision = 1, Insurer = Insurer, Basis = GrantBasis.Agreement, ValidFrom = Now.AddDays(-1), ValidUntil = Now.AddYears(1), State = GrantState.Active, UpdatedAt = Now,
        };
        Add(Base("nanshan-baoan-chemicals") with { Jurisdiction = "440305", Industries = ["C26", "C27"] });
        Add(Base("baoan-chemicals") with { Jurisdiction = "440306", Industries = ["C26", "C27"] });
        await SendAsync(exchange, token, request);
        var consents = 0;
        for (var n = 0; n < codes.Length && consents < 2_000; n += 37)
        {
            if (consents % 1000 == 0 && request.Envelopes.Count > 0)
            {
                await SendAsync(exchange, token, request);
            }

            if (consents % 1000 == 0)
            {
                request = new PublishBatchRequest();
            }

            Add(Base($"consent-{n}") with { Basis = GrantBasis.Consent, CreditCode = codes[n], ConsentReference = $"SZ-{n}" });
            consents++;
        }

        await SendAsync(exchange, token, request);
        Console.Error.WriteLine($"== granted the insurer 2 agreements (440305 and 440306, C26 and C27) and {consents:N0} consents");
    }

    private static async Task SendAsync(Exchange.ExchangeClient exchange, string token, PublishBatchRequest request)
    {
        var response = await exchange.PublishBatchAsync(request, new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } }));
        var failed = response.Results.FirstOrDefault(r => r.OutcomeCase == CityRisk.Protocol.V1.PublishResult.OutcomeOneofCase.Error);
        if (failed is not null)
        {
            throw new InvalidOperationException($"The hub refused a message: {failed.Error.Message}");
        }
    }

    /// <summary>The first page of 500 and the page after it, timed through the SDK (the documents read into objects included).</summary>
    private static async Task PagesAsync(CityRiskClient client, string what, EnterpriseProfileQuery query, int runs)
    {
        Console.Error.WriteLine($"== pages of 500 for {what}, {runs} runs");
        var first = new List<double>();
        var second = new List<double>();
        var rows = 0;
        async Task<(double First, double Second)> PageAsync()
        {
            var clock = Stopwatch.StartNew();
            await using var pages = client.Enterprises.QueryAsync(query).AsPages(pageSizeHint: 500).GetAsyncEnumerator();
            await pages.MoveNextAsync();
            var firstTime = clock.Elapsed.TotalMilliseconds;
            rows = pages.Current.Values.Count;
            clock.Restart();
            await pages.MoveNextAsync();
            return (firstTime, clock.Elapsed.TotalMilliseconds);
        }

        foreach (var (firstTime, secondTime) in await TimedRunsAsync(PageAsync, runs))
        {
            first.Add(firstTime);
            second.Add(secondTime);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {rows} profiles a page; first page p50 {LoadRun.Percentile(first, 50):N1} ms, p99 {LoadRun.Percentile(first, 99):N1} ms; next page p50 {LoadRun.Percentile(second, 50):N1} ms, p99 {LoadRun.Percentile(second, 99):N1} ms"));
    }

    /// <summary>Where a page's time goes: the store's query alone (in this process, on the hub's file), the RPC without the SDK reading the documents, and (above) through the SDK.</summary>
    private static async Task BreakdownAsync(Exchange.ExchangeClient exchange, string token, string database, int runs)
    {
        await using var store = new CityRisk.Server.Storage.SqliteExchangeStore(database);
        await store.InitializeAsync(CancellationToken.None);
        var query = new CityRisk.Storage.EnterpriseQuery { Reader = Insurer, AsInsurer = true, At = DateTimeOffset.UtcNow, HazardousChemicals = true, MinScore = 40, Limit = 501, WithEnvelope = true };
        var request = new EnterpriseQueryRequest { HazardousChemicals = true, MinScore = 40, PageSize = 500 };
        var options = new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } });
        var storeTimes = new List<double>();
        var rpcTimes = new List<double>();
        async Task<(double Store, double Rpc)> BothAsync()
        {
            var clock = Stopwatch.StartNew();
            _ = await store.QueryEnterprisesAsync(query, CancellationToken.None);
            var storeTime = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            _ = await exchange.QueryEnterprisesAsync(request, options);
            return (storeTime, clock.Elapsed.TotalMilliseconds);
        }

        foreach (var (storeTime, rpcTime) in await TimedRunsAsync(BothAsync, runs))
        {
            storeTimes.Add(storeTime);
            rpcTimes.Add(rpcTime);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   the same first page: the store's query alone p50 {LoadRun.Percentile(storeTimes, 50):N1} ms, p99 {LoadRun.Percentile(storeTimes, 99):N1} ms; the RPC without the SDK's reading p50 {LoadRun.Percentile(rpcTimes, 50):N1} ms, p99 {LoadRun.Percentile(rpcTimes, 99):N1} ms"));
    }

    /// <summary>
    /// Runs a timed call unmeasured for 10 s (at least 3 times), then <paramref name="runs"/> times, returning what
    /// those runs measured: a query path new to the hub and to this process runs at tier 0 and is recompiled in the
    /// background for its first seconds, which is start-up, not the steady state.
    /// </summary>
    private static async Task<List<T>> TimedRunsAsync<T>(Func<Task<T>> call, int runs)
    {
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < 3 || clock.Elapsed < TimeSpan.FromSeconds(10); run++)
        {
            _ = await call();
        }

        var results = new List<T>(runs);
        for (var run = 0; run < runs; run++)
        {
            results.Add(await call());
        }

        return results;
    }

    private static async Task CountAsync(CityRiskClient insurer, int runs)
    {
        var times = new List<double>();
        long count = 0;
        for (var run = 0; run < runs + 2; run++)
        {
            var clock = Stopwatch.StartNew();
            count = await insurer.Enterprises.CountAsync(new EnterpriseProfileQuery { HazardousChemicals = true });
            if (run >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== the insurer's count of hazardous-chemical profiles it may read: {count:N0}; p50 {LoadRun.Percentile(times, 50):N1} ms, p99 {LoadRun.Percentile(times, 99):N1} ms"));
    }

    /// <summary>The CSV export through the SDK (to a file), alternating with a plain SQLite read of the same rows; medians compared; peak memory of both processes.</summary>
    private static async Task ExportAsync(CityRiskClient client, Process hub, string database, string what, bool insurerOnly, int runs)
    {
        Console.Error.WriteLine($"== {what}, {runs} runs each, alternating with a plain SQLite read of the same rows");
        var csv = Path.Combine(Path.GetDirectoryName(database)!, "export.csv");
        var exportTimes = new List<double>();
        var sqlTimes = new List<double>();
        EnterpriseExportSummary? summary = null;
        long sqlRows = 0;
        long hubPeak = 0, clientPeak = 0;
        var hubBefore = ResidentBytes(hub.Id) ?? 0;
        var clientBefore = ResidentBytes(Environment.ProcessId) ?? 0;
        for (var run = 0; run < runs + 1; run++)
        {
            ResetPeak(hub.Id);
            ResetPeak(Environment.ProcessId);
            var clock = Stopwatch.StartNew();
            await using (var file = File.Create(csv))
            {
                summary = await client.Enterprises.ExportAsync(file);
            }

            var exportTime = clock.Elapsed.TotalMilliseconds;
            hubPeak = Math.Max(hubPeak, PeakBytes(hub.Id) ?? 0);
            clientPeak = Math.Max(clientPeak, PeakBytes(Environment.ProcessId) ?? 0);
            clock.Restart();
            sqlRows = PlainRead(database, insurerOnly);
            var sqlTime = clock.Elapsed.TotalMilliseconds;
            if (run >= 1)
            {
                exportTimes.Add(exportTime);
                sqlTimes.Add(sqlTime);
            }
        }

        if (summary!.Rows != sqlRows)
        {
            throw new InvalidOperationException($"The export wrote {summary.Rows} rows; the plain read found {sqlRows}.");
        }

        var export = LoadRun.Percentile(exportTimes, 50);
        var sql = LoadRun.Percentile(sqlTimes, 50);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {summary.Rows:N0} rows for {summary.Profiles:N0} profiles, {new FileInfo(csv).Length / 1048576.0:N1} MiB of CSV: export {export:N0} ms, plain SQLite read {sql:N0} ms (median); ratio {export / sql:N2}; peak RSS during the export: hub {hubPeak / 1048576.0:N0} MiB (resident before: {hubBefore / 1048576.0:N0} MiB), client {clientPeak / 1048576.0:N0} MiB (before: {clientBefore / 1048576.0:N0} MiB)"));
    }

    /// <summary>
    /// What a database developer would write to read the same rows from the same tables: every profile (the insurer's:
    /// those its grants cover, as hand-written predicates) with its periods, every column the CSV has, in credit-code order.
    /// </summary>
    private static long PlainRead(string database, bool insurerOnly)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        var where = insurerOnly
            ? $"""
              WHERE (p.jurisdiction IN ('440305', '440306') AND (p.industry LIKE 'C26%' OR p.industry LIKE 'C27%'))
                 OR EXISTS (SELECT 1 FROM enterprise_consents c WHERE c.insurer = '{Insurer}' AND c.owner = p.owner AND c.credit_code = p.id)
              """
            : string.Empty;
        command.CommandText = $"""
            SELECT p.id, p.name, p.industry, p.jurisdiction, p.address, p.lon, p.lat, p.employees, p.chemicals, p.major, p.grade, p.insured, p.insurer,
                   q.period_from, q.period_to, q.inspections, q.found, q.rectified, q.overdue, q.major, q.penalties, q.accidents, q.deaths, q.injuries,
                   q.rectification_rate, q.overdue_rate, q.per_year, q.per_100, q.score, p.owner, p.revision, p.updated_at
            FROM enterprise_profiles p LEFT JOIN enterprise_periods q ON q.id = p.id AND q.owner = p.owner
            {where}
            ORDER BY p.id, p.owner, q.seq
            """;
        long rows = 0;
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }

    /// <summary>Resets a process's peak resident set (Linux: writing 5 to clear_refs); nothing elsewhere.</summary>
    private static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long? PeakBytes(int pid) => Status(pid, "VmHWM:");

    private static long? ResidentBytes(int pid) => Status(pid, "VmRSS:");

    private static long? Status(int pid, string field)
    {
        var status = $"/proc/{pid}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
