using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Server.Partners;
using Microsoft.Data.Sqlite;

namespace CityRisk.Benchmarks;

/// <summary>
/// The scripted ingest run (docs/performance.md, "Observation ingest"): the hub (<c>cityrisk serve</c>, SQLite store,
/// a monitor partner) as its own process, fed by the SDK's RecordAsync from this process on the same cores, against a
/// plain batched SQLite insert of the same rows in the same run; and, while the load runs, the time from sending a
/// crossing reading to a subscribed operator receiving its warning.
/// </summary>
internal static class IngestRun
{
    internal const int BatchSize = 500;
    private const int InFlight = 4;
    private const int Hazards = 100;
    private const int Rounds = 8;
    private static readonly string[] PartnerIds = ["hefei-lifeline", "hefei-em", "hefei-monitor"];

    public static async Task<int> RunAsync(bool quick)
    {
        if (LoadRun.BuiltCli() is not { } cli)
        {
            return 2;
        }

        var total = int.TryParse(Environment.GetEnvironmentVariable("CITYRISK_INGEST_ROWS"), out var rowsWanted) ? rowsWanted : quick ? 100_000 : 400_000;
        var folder = Directory.CreateTempSubdirectory("cityrisk-ingest-").FullName;
        try
        {
            var rows = Rows(total);
            Console.Error.WriteLine($"== warming the plain batched SQLite insert: {total:N0} rows ({BatchSize} a transaction) into another file, not measured");
            Baseline(Path.Combine(folder, "plain-warm.db"), rows);

            var tokens = PartnerIds.ToDictionary(p => p, _ => PartnerTokens.Generate());
            var partners = Path.Combine(folder, "partners.json");
            await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry([.. tokens.Select(t => new Partner
            {
                Id = PartyId.Parse(t.Key),
                Roles = [t.Key == "hefei-em" ? "lifeline-operator" : "operator"],
                CapSenders = [$"alerts@{t.Key}.example.cn"],
                Credentials = [new PartnerCredential { Id = "load", Hash = PartnerTokens.Hash(t.Value) }],
            })])));
            var (hub, address) = await LoadRun.StartProcessAsync("dotnet",
                [cli, "serve", "--urls", "http://127.0.0.1:0", "--store", Environment.GetEnvironmentVariable("CITYRISK_INGEST_STORE") ?? $"sqlite:{Path.Combine(folder, "hub.db")}", "--partners", partners, "--monitor-partner", "hefei-monitor"],
                "cityrisk hub listening on ");
            try
            {
                using var owner = new CityRiskClient(address, new CityRiskCredential("hefei-lifeline", tokens["hefei-lifeline"]));
                using var city = new CityRiskClient(address, new CityRiskCredential("hefei-em", tokens["hefei-em"]));
                for (var h = 0; h < Hazards; h++)
                {
                    await owner.Hazards.RegisterAsync(Hazard($"load-{h:D3}", TimeSpan.FromMinutes(10), hysteresis: 50));
                }

                // The hazard whose readings flap between Red and Normal at once (no hysteresis, no duration): each flip is a warning.
                await owner.Hazards.RegisterAsync(Hazard("flip", TimeSpan.Zero, hysteresis: 0));

                var received = new ConcurrentDictionary<string, long>();
                using var stop = new CancellationTokenSource();
                var subscription = Task.Run(async () =>
                {
                    try
                    {
                        await foreach (var warning in city.Alerts.SubscribeAsync(new AlertSubscribeOptions { Filter = new AlertFilter { Senders = ["hefei-monitor"] } }, stop.Token))
                        {
                            received.TryAdd(warning.Alert.Info[0].Parameters.First(p => p.ValueName == CityRiskParameters.Observation).Value, Stopwatch.GetTimestamp());
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                });
                await Task.Delay(500);

                // A crossing every 100 ms from here on; the warnings are timed only once the measured load runs.
                var sentAt = new ConcurrentDictionary<string, long>();
                var measuring = false;
                using var hubLoaded = new ManualResetEventSlim(true);
                var crossings = Task.Run(async () =>
                {
                    var flipStart = DateTimeOffset.UtcNow.AddHours(-1);
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        // Paused while a baseline slice runs: they time the hub under load, and would cost the baseline's process.
                        hubLoaded.Wait(stop.Token);
                        var reading = new Observation { HazardOwner = "hefei-lifeline", HazardId = "flip", IndicatorId = "strain", ObservedAt = flipStart.AddSeconds(i), Value = i % 2 == 0 ? 1300 : 100 };
                        var key = HazardWarnings.ObservationReference(reading.HazardOwner, reading.HazardId, reading.IndicatorId, reading.ObservedAt);
                        if (Volatile.Read(ref measuring))
                        {
                            sentAt[key] = Stopwatch.GetTimestamp();
                        }

                        await owner.Hazards.RecordAsync([reading]);
                        await Task.Delay(100);
                    }
                });

                // Sustained means once the JIT has settled: in the first 10-15 s of load here the hub spends about a third
                // of its CPU in tiered recompilation (perf shows the ".NET Tiered Compilation" thread), a start-up cost. So
                // the whole load, crossings and warnings included, first runs unmeasured on earlier readings.
                var warmup = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("CITYRISK_INGEST_WARMUP_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 25);
                Console.Error.WriteLine($"   warming up: the same load for {warmup.TotalSeconds:N0} s, on earlier readings");
                var warmed = await LoadAsync(owner, Rows(Math.Max(BatchSize, (int)(warmup.TotalSeconds * 60_000)), start: DateTimeOffset.UtcNow.AddDays(-20)), warmup, []);
                Console.Error.WriteLine($"   {warmed:N0} readings sent");

                // The baseline and the hub take turns over the same rows, a slice each per round, each summing its own
                // time and CPU: this machine's speed drifts by a quarter within minutes, and measuring one after the
                // other put the drift into the ratio (docs/performance.md,
                // "Observation ingest, interleaved: rebinding only what changed").
                Console.Error.WriteLine($"== {total:N0} observations of {Hazards} hazards in {Rounds} rounds: a slice into the plain table ({BatchSize} a transaction), then the same slice to the hub ({BatchSize} a call, {InFlight} calls in flight, evaluation and warnings on)");
                using var plain = new PlainInsert(Path.Combine(folder, "plain.db"));
                var (baselineTime, baselineCpuTime, hubTime, hubCpuTime) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
                var roundRatios = new List<double>();
                var callLatencies = new ConcurrentBag<double>();
                var sliceSize = (total + Rounds - 1) / Rounds;
                for (var start = 0; start < total; start += sliceSize)
                {
                    var slice = rows.GetRange(start, Math.Min(sliceSize, total - start));
                    hubLoaded.Reset();
                    var (plainTime, plainCpu) = plain.Insert(slice);
                    hubLoaded.Set();

                    Volatile.Write(ref measuring, true);
                    var cpuBefore = LoadRun.CpuTime(hub);
                    var clock = Stopwatch.StartNew();
                    await LoadAsync(owner, slice, Timeout.InfiniteTimeSpan, callLatencies);
                    clock.Stop();
                    var sliceHubCpu = (LoadRun.CpuTime(hub) - cpuBefore) ?? TimeSpan.Zero;
                    Volatile.Write(ref measuring, false);

                    (baselineTime, baselineCpuTime, hubTime, hubCpuTime) = (baselineTime + plainTime, baselineCpuTime + plainCpu, hubTime + clock.Elapsed, hubCpuTime + sliceHubCpu);
                    roundRatios.Add(sliceHubCpu / plainCpu);
                }

                await stop.CancelAsync();
                await crossings.ContinueWith(_ => { }, TaskScheduler.Default);
                await Task.Delay(500);
                await subscription;

                var baselineRate = total / baselineTime.TotalSeconds;
                var baselineCpu = baselineCpuTime.TotalMicroseconds / total;
                var rate = total / hubTime.TotalSeconds;
                var cpuPerRow = LoadRun.CpuTime(hub) is null ? double.NaN : hubCpuTime.TotalMicroseconds / total;
                var warnings = sentAt.Where(s => received.ContainsKey(s.Key)).Select(s => Stopwatch.GetElapsedTime(s.Value, received[s.Key]).TotalMilliseconds).ToList();
                var calls = callLatencies.ToList();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   plain insert {baselineRate:N0} rows/s, {baselineCpu:N1} µs CPU a row; hub {rate:N0} observations/s, {cpuPerRow:N1} µs hub CPU a row"));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   ratio by round: {string.Join(", ", roundRatios.Select(r => r.ToString("N2", CultureInfo.InvariantCulture)))}"));
                Console.WriteLine();
                Console.WriteLine("| | rows/s | CPU per row | ratio to the plain insert | call p50 / p99 ms | warning p50 / p99 / max ms (n) |");
                Console.WriteLine("|---|---:|---:|---:|---:|---:|");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain batched SQLite insert (baseline, in-process) | {baselineRate:N0} | {baselineCpu:N1} µs | 1 | | |"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| hub RecordObservations (SQLite, evaluation on; hub process CPU) | {rate:N0} | {cpuPerRow:N1} µs | {cpuPerRow / baselineCpu:N2} | {LoadRun.Percentile(calls, 50):N1} / {LoadRun.Percentile(calls, 99):N1} | {LoadRun.Percentile(warnings, 50):N1} / {LoadRun.Percentile(warnings, 99):N1} / {(warnings.Count == 0 ? double.NaN : warnings.Max()):N1} ({warnings.Count}) |"));
                return 0;
            }
            finally
            {
                hub.Kill(entireProcessTree: true);
                await hub.WaitForExitAsync();
                hub.Dispose();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Sends the rows <see cref="BatchSize"/> a call, <see cref="InFlight"/> calls in flight, until they are all sent or the time is up; returns how many were sent.</summary>
    private static async Task<int> LoadAsync(CityRiskClient owner, List<Observation> rows, TimeSpan limit, ConcurrentBag<double> callLatencies)
    {
        var next = -1;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) * BatchSize < rows.Count && (limit == Timeout.InfiniteTimeSpan || clock.Elapsed < limit))
            {
                var slice = rows.GetRange(batch * BatchSize, Math.Min(BatchSize, rows.Count - (batch * BatchSize)));
                var started = Stopwatch.GetTimestamp();
                var outcomes = await owner.Hazards.RecordAsync(slice);
                callLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (outcomes.Any(o => !o.Recorded))
                {
                    throw new InvalidOperationException($"A row was refused: {outcomes.First(o => !o.Recorded)}");
                }

                Interlocked.Add(ref sent, slice.Count);
            }
        })));
        return sent;
    }

    private static Hazard Hazard(string id, TimeSpan duration, double hysteresis) => new()
    {
        Id = id,
        Owner = "hefei-lifeline",
        Revision = 1,
        Name = LocalizedText.Of("en", $"Load hazard {id}"),
        Type = HazardTypes.Bridge,
        Domain = RiskDomain.Lifeline,
        RiskGrade = RiskGrade.General,
        Geometry = new PointGeometry(new GeoPoint(117.29, 31.86)),
        Jurisdiction = "340102",
        Scope = DocumentScope.Restricted,
        Audience = ["lifeline-operator"],
        Indicators =
        [
            new Indicator { Id = "strain", Unit = "um/m", Direction = ThresholdDirection.Above, Thresholds = new IndicatorThresholds { Yellow = 800, Orange = 1000, Red = 1200 }, Hysteresis = hysteresis, MinimumDuration = duration },
            new Indicator { Id = "tilt", Unit = "mrad", Direction = ThresholdDirection.Above, Thresholds = new IndicatorThresholds { Orange = 5, Red = 8 }, Hysteresis = 0.5, MinimumDuration = duration },
        ],
    };

    /// <summary>Readings spread over the hazards and their two indicators, one a second per series, below every threshold (the evaluator still judges each).</summary>
    private static List<Observation> Rows(int count, string hazardPrefix = "load", DateTimeOffset? start = null)
    {
        var from = start ?? DateTimeOffset.UtcNow.AddDays(-2);
        var rows = new List<Observation>(count);
        for (var i = 0; i < count; i++)
        {
            var series = i % (Hazards * 2);
            var strain = series % 2 == 0;
            rows.Add(new Observation
            {
                HazardOwner = "hefei-lifeline",
                HazardId = $"{hazardPrefix}-{series / 2:D3}",
                IndicatorId = strain ? "strain" : "tilt",
                ObservedAt = from.AddSeconds(i / (Hazards * 2)).ToOffset(TimeSpan.FromHours(8)),
                Value = strain ? 400 + (i % 300) : 1 + (i % 3),
                SensorId = $"s-{series}",
            });
        }

        return rows;
    }

    /// <summary>What the store's layout costs, each in the same run as the plain insert: 'ingest --layouts'.</summary>
    public static int Layouts(bool quick)
    {
        var rows = Rows(quick ? 100_000 : 400_000);
        var folder = Directory.CreateTempSubdirectory("cityrisk-layouts-").FullName;
        try
        {
            const string Columns = "hazard_owner TEXT NOT NULL, hazard_id TEXT NOT NULL, indicator_id TEXT NOT NULL, observed_at INTEGER NOT NULL, offset_minutes INTEGER NOT NULL, value REAL NOT NULL, unit TEXT, quality INTEGER NOT NULL, sensor_id TEXT";
            var layouts = new (string Name, string Schema, string Insert, int Upserts)[]
            {
                ("plain table", $"CREATE TABLE observations ({Columns});", "INSERT INTO observations VALUES ($owner, $hazard, $indicator, $at, $offset, $value, $unit, $quality, $sensor)", 0),
                ("keyed, without rowid", $"CREATE TABLE observations ({Columns}, PRIMARY KEY (hazard_owner, hazard_id, indicator_id, observed_at)) WITHOUT ROWID;", "INSERT OR IGNORE INTO observations VALUES ($owner, $hazard, $indicator, $at, $offset, $value, $unit, $quality, $sensor)", 0),
                ("keyed + 100 state upserts a batch", $"CREATE TABLE observations ({Columns}, PRIMARY KEY (hazard_owner, hazard_id, indicator_id, observed_at)) WITHOUT ROWID;", "INSERT OR IGNORE INTO observations VALUES ($owner, $hazard, $indicator, $at, $offset, $value, $unit, $quality, $sensor)", 100),
                ("rowid + unique index", $"CREATE TABLE observations ({Columns}); CREATE UNIQUE INDEX k ON observations (hazard_owner, hazard_id, indicator_id, observed_at);", "INSERT OR IGNORE INTO observations VALUES ($owner, $hazard, $indicator, $at, $offset, $value, $unit, $quality, $sensor)", 0),
                ("series-keyed (integer series, observed_at), without rowid", "CREATE TABLE observations (series INTEGER NOT NULL, observed_at INTEGER NOT NULL, offset_minutes INTEGER NOT NULL, value REAL NOT NULL, unit TEXT, quality INTEGER NOT NULL, sensor_id TEXT, PRIMARY KEY (series, observed_at)) WITHOUT ROWID;",
                    "INSERT OR IGNORE INTO observations VALUES (length($owner) * 0 + abs(random() % 200), $at, $offset, $value, $unit, $quality, $sensor) -- $hazard $indicator", 0),
            };
            foreach (var batch in new[] { 500, 5000 })
            {
                foreach (var layout in layouts)
                {
                    var (rate, cpu) = Baseline(Path.Combine(folder, $"{Guid.NewGuid():N}.db"), rows, layout.Schema, layout.Insert, layout.Upserts, batch);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {layout.Name} | {batch} a transaction | {rate:N0} rows/s | {cpu:N1} µs CPU a row |"));
                }
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The same rows into a plain table, unmeasured: the warm-up of <see cref="PlainInsert"/>.</summary>
    private static void Baseline(string path, List<Observation> rows)
    {
        using var plain = new PlainInsert(path);
        plain.Insert(rows);
    }

    private static (double Rate, double CpuMicroseconds) Baseline(string path, List<Observation> rows, string schema, string insertSql, int upserts, int batchSize)
    {
        using var insert = new PlainInsert(path, schema, insertSql, upserts, batchSize);
        var (elapsed, cpu) = insert.Insert(rows);
        return (rows.Count / elapsed.TotalSeconds, cpu.TotalMicroseconds / rows.Count);
    }
}
