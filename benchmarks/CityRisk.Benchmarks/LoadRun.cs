using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Server.Partners;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;

namespace CityRisk.Benchmarks;

/// <summary>
/// The scripted load run of the hub (docs/performance.md): each hub runs as its own process on 127.0.0.1 and is
/// driven by the same client code: our hub (<c>cityrisk serve</c>, in-memory and SQLite stores) and a minimal
/// in-memory grpc-js hub of the same .proto (tests/js/grpc-hub.mjs). Bounded in count and time; prints a
/// markdown table. Needs a Release build of src/CityRisk.Cli and 'npm ci --prefix tests/js'.
/// </summary>
internal static class LoadRun
{
    /// <summary>How many times a fan-out runs unmeasured before the measured run.</summary>
    private const int WarmRounds = 3;

    private static readonly GrpcMethod<PublishRequest, PublishResponse> Publish = new("cityrisk.v1.Exchange", "Publish", PublishResponse.Parser);
    private static readonly GrpcMethod<SubscribeRequest, DeliveryHead> Subscribe = new("cityrisk.v1.Exchange", "Subscribe", DeliveryHead.Parser);

    public static async Task<int> RunAsync(bool quick, string? onlyHub = null, int? onlyFanOut = null)
    {
        if (BuiltCli() is not { } cli)
        {
            return 2;
        }

        var root = CityRisk.Testing.Shared.RepositoryRoot.Path;

        var folder = Directory.CreateTempSubdirectory("cityrisk-load-").FullName;
        try
        {
            var token = PartnerTokens.Generate();
            var partners = Path.Combine(folder, "partners.json");
            await File.WriteAllBytesAsync(partners, PartnersFile.Serialize(new PartnerRegistry(
            [
                new Partner { Id = PartyId.Parse("foshan-em"), Roles = ["city"], CapSenders = ["alerts@foshan-em.example.cn"], Credentials = [new PartnerCredential { Id = "load", Hash = PartnerTokens.Hash(token) }] },
            ])));
            var sample = CapAlertReader.Read(await File.ReadAllBytesAsync(Path.Combine(root, "samples", "alerts", "foshan-typhoon.xml"))).Value!;
            // The sample expired in September; expired alerts are (rightly) left out of subscriptions, so drop the expiry.
            var template = sample with { Info = [.. sample.Info.Select(i => i with { Expires = null })] };
            var options = new GrpcCallOptions { Metadata = [new("authorization", $"Bearer {token}")], Timeout = TimeSpan.FromSeconds(30) };

            var hubs = new (string Name, Func<Task<(Process Process, Uri Address)>> Start)[]
            {
                ("CityRisk hub, in-memory store", () => StartProcessAsync("dotnet", [cli, "serve", "--urls", "http://127.0.0.1:0", "--store", "memory", "--partners", partners], "cityrisk hub listening on ")),
                ("CityRisk hub, SQLite store", () => StartProcessAsync("dotnet", [cli, "serve", "--urls", "http://127.0.0.1:0", "--store", $"sqlite:{Path.Combine(folder, "hub.db")}", "--partners", partners], "cityrisk hub listening on ")),
                ("grpc-js hub, in-memory (baseline)", () => StartProcessAsync("node", [Path.Combine(root, "tests", "js", "grpc-hub.mjs")], "listening ")),
            };

            var publishes = quick ? 1000 : 3000;
            int[] fanOuts = onlyFanOut is { } single ? [single] : quick ? [1, 100, 1440] : [1, 10, 100, 1440];
            if (onlyHub is not null)
            {
                // For profiling one hub: 'load --hub memory|sqlite|grpc-js [--fanout N]'.
                hubs = [.. hubs.Where(h => h.Name.Contains(onlyHub, StringComparison.OrdinalIgnoreCase))];
            }
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"| hub | publishes/s ({publishes}, 32 in flight) | publish p50 / p99 ms | hub CPU per publish | {string.Join(" | ", fanOuts.Select(s => $"{s} subscribers: deliveries/s, p50 / p99 ms, hub / generator CPU per delivery"))} | memory per idle subscription |");
            report.AppendLine(CultureInfo.InvariantCulture, $"|---|---:|---:|---:|{string.Concat(fanOuts.Select(_ => "---:|"))}---:|");
            var run = 0;
            foreach (var (name, start) in hubs)
            {
                var (process, address) = await start();
                try
                {
                    using var client = new BenchmarkClient(address);
                    Console.Error.WriteLine($"== {name} at {address}");
                    var prefix = $"r{++run}";
                    Console.Error.WriteLine("   warming up");
                    await PublishManyAsync(client, template, options, $"{prefix}-warm", 200, 8);
                    Console.Error.WriteLine("   publishing");
                    var cpuBefore = CpuTime(process);
                    var (rate, latencies) = await PublishManyAsync(client, template, options, $"{prefix}-pub", publishes, 32);
                    var publishCpu = CpuPer(cpuBefore, CpuTime(process), publishes);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {rate:N0} publishes/s, {publishCpu} hub CPU per publish"));
                    var cells = new List<string>();
                    var memory = "n/a";
                    foreach (var subscribers in fanOuts)
                    {
                        // About a second of deliveries measured at 100 and 1,440: /proc counts CPU in 10 ms ticks.
                        var messages = subscribers >= 1000 ? 50 : subscribers >= 100 ? 500 : 300;
                        var (deliveryRate, p50, p99, bytesPerSubscription, deliveryCpu) = await FanOutAsync(client, process, template, options, $"{prefix}-fan{subscribers}", subscribers, messages);
                        cells.Add(string.Create(CultureInfo.InvariantCulture, $"{deliveryRate:N0}, {p50:F1} / {p99:F1}, {deliveryCpu}"));
                        if (subscribers == fanOuts[^1] && bytesPerSubscription is { } b)
                        {
                            memory = string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0:F1} KB");
                        }
                    }

                    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rate:N0} | {Percentile(latencies, 50):F2} / {Percentile(latencies, 99):F2} | {publishCpu} | {string.Join(" | ", cells)} | {memory} |");
                }
                finally
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                    process.Dispose();
                }
            }

            Console.WriteLine(report);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PublishRequest Request(Alert template, string id)
    {
        var alert = template with { Identifier = id };
        return new PublishRequest { Envelope = AlertEnvelope.Create(alert, "foshan-em", CityRiskJson.Write(alert), CityRiskJson.ContentType(DocumentKinds.Alert)) };
    }

    private static async Task<(double Rate, List<double> LatenciesMs)> PublishManyAsync(BenchmarkClient client, Alert template, GrpcCallOptions options, string prefix, int count, int inFlight)
    {
        var requests = Enumerable.Range(0, count).Select(i => Request(template, $"{prefix}-{i}")).ToArray();
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await client.UnaryAsync(Publish, requests[i], options);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return (count / clock.Elapsed.TotalSeconds, [.. latencies]);
    }

    /// <summary>
    /// Opens <paramref name="subscribers"/> subscriptions from now, waits until a marker reaches them all (so all are
    /// live), then publishes <paramref name="messages"/> messages and measures each delivery's publish-to-delivery time.
    /// </summary>
    private static async Task<(double Rate, double P50, double P99, double? BytesPerSubscription, string CpuPerDelivery)> FanOutAsync(
        BenchmarkClient client, Process hub, Alert template, GrpcCallOptions options, string prefix, int subscribers, int messages)
    {
        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        // Completion by counters and task sources: blocking waits would starve the thread pool on two cores.
        var live = 0;
        var delivered = 0;
        var warmDelivered = 0;
        var allLive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allWarm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var memoryBefore = ResidentBytes(hub);
        var streams = Enumerable.Range(0, subscribers).Select(_ => Task.Run(async () =>
        {
            var sawMarker = false;
            try
            {
                await foreach (var delivery in client.ServerStreamingAsync(Subscribe, new SubscribeRequest { FromNow = true }, options with { Timeout = null, CancellationToken = stop.Token }))
                {
                    if (delivery.Id.EndsWith("-marker", StringComparison.Ordinal))
                    {
                        if (!sawMarker && Interlocked.Increment(ref live) == subscribers)
                        {
                            allLive.TrySetResult();
                        }

                        sawMarker = true;
                    }
                    else if (delivery.Id.EndsWith("-warm", StringComparison.Ordinal))
                    {
                        if (Interlocked.Increment(ref warmDelivered) == subscribers * messages * WarmRounds)
                        {
                            allWarm.TrySetResult();
                        }
                    }
                    else if (delivery.Id.StartsWith(prefix, StringComparison.Ordinal) && sent.TryGetValue(delivery.Id, out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                        if (Interlocked.Increment(ref delivered) == subscribers * messages)
                        {
                            allDelivered.TrySetResult();
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        })).ToList();

        // Keep publishing markers until every subscription has seen one: then all are live.
        for (var attempt = 0; !allLive.Task.IsCompleted; attempt++)
        {
            await client.UnaryAsync(Publish, Request(template, $"{prefix}-{attempt}-marker"), options);
            await Task.WhenAny(allLive.Task, Task.Delay(250));
        }

        Console.Error.WriteLine($"   {subscribers} subscriptions live");
        var memoryAfter = ResidentBytes(hub);

        // The same fan-out unmeasured first, for every hub alike: a fresh .NET hub spends a large share of its CPU in
        // tiered recompilation during its first seconds of a new load (see "Observation ingest"), which is start-up.
        // Several rounds, with pauses in which the background compiler catches up (tier 0, instrumented, tier 1).
        foreach (var i in Enumerable.Range(0, messages * WarmRounds))
        {
            await client.UnaryAsync(Publish, Request(template, $"{prefix}-w{i}-warm"), options);
            if (i % messages == messages - 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        if (await Task.WhenAny(allWarm.Task, Task.Delay(TimeSpan.FromMinutes(2))) != allWarm.Task)
        {
            Console.Error.WriteLine($"   {subscribers} subscribers: only {warmDelivered} of {subscribers * messages * WarmRounds} warm-up deliveries in time");
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.Error.WriteLine("   warmed up; measuring");
        var requests = Enumerable.Range(0, messages).Select(i => Request(template, $"{prefix}-m{i}")).ToArray();
        var cpuBefore = CpuTime(hub);
        // The generator shares the cores: its own CPU per delivery says how much it leaves the hub.
        var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            sent[request.Envelope.Id] = Stopwatch.GetTimestamp();
            await client.UnaryAsync(Publish, request, options);
        }

        var complete = await Task.WhenAny(allDelivered.Task, Task.Delay(TimeSpan.FromMinutes(2))) == allDelivered.Task;
        var elapsed = clock.Elapsed;
        var cpu = $"{CpuPer(cpuBefore, CpuTime(hub), Math.Max(1, delivered))} / {CpuPer(generatorBefore, Process.GetCurrentProcess().TotalProcessorTime, Math.Max(1, delivered))}";
        await stop.CancelAsync();
        await Task.WhenAll(streams);
        if (!complete)
        {
            Console.Error.WriteLine($"   {subscribers} subscribers: only {delivered} of {subscribers * messages} deliveries in time");
        }

        var list = latencies.ToList();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {subscribers} subscribers x {messages}: {list.Count / elapsed.TotalSeconds:N0} deliveries/s, p50 {Percentile(list, 50):F1} ms, p99 {Percentile(list, 99):F1} ms"));
        double? perSubscription = memoryBefore is { } before && memoryAfter is { } after ? (double)(after - before) / subscribers : null;
        return (list.Count / elapsed.TotalSeconds, Percentile(list, 50), Percentile(list, 99), perSubscription, cpu);
    }

    /// <summary>The hub's CPU time per operation over a phase, in µs (includes the publishes that drive a fan-out).</summary>
    internal static string CpuPer(TimeSpan? before, TimeSpan? after, int operations) =>
        before is { } b && after is { } a ? string.Create(CultureInfo.InvariantCulture, $"{(a - b).TotalMicroseconds / operations:N0} µs") : "n/a";

    internal static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(percentile / 100.0 * values.Count) - 1)];
    }

    /// <summary>The Release build of the CLI the scripted runs start hubs with, or null after saying how to build it.</summary>
    internal static string? BuiltCli()
    {
        var cli = Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "src", "CityRisk.Cli", "bin", "Release", "net10.0", "cityrisk.dll");
        if (File.Exists(cli))
        {
            return cli;
        }

        Console.Error.WriteLine($"Build the CLI first: dotnet build -c Release src/CityRisk.Cli ({cli} is missing).");
        return null;
    }

    /// <summary>The CPU time (user and system) the process has used so far, from /proc; null where there is no /proc.</summary>
    internal static TimeSpan? CpuTime(Process process)
    {
        var stat = $"/proc/{process.Id}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static long? ResidentBytes(Process process)
    {
        var status = $"/proc/{process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    internal static async Task<(Process, Uri)> StartProcessAsync(string file, string[] args, string readyPrefix)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        do
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.StartsWith(readyPrefix, StringComparison.Ordinal));

        if (line is null)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not start.");
        }

        var rest = line[readyPrefix.Length..].Trim();
        var address = rest.StartsWith("http", StringComparison.Ordinal) ? new Uri(rest) : new Uri($"http://127.0.0.1:{rest}");

        // Keep draining its output so the hub never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is not null)
            {
            }
        });
        return (process, address);
    }
}
