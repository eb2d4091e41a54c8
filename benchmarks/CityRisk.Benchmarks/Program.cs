using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

if (args.Length > 0 && args[0] == "ingest")
{
    // The scripted observation ingest run (docs/performance.md, "Observation ingest").
    return args.Contains("--layouts")
        ? CityRisk.Benchmarks.IngestRun.Layouts(quick: args.Contains("--quick"))
        : await CityRisk.Benchmarks.IngestRun.RunAsync(quick: args.Contains("--quick"));
}

if (args.Length > 0 && args[0] == "incidents")
{
    // The scripted incident statistics run (docs/performance.md, "Incident statistics").
    return await CityRisk.Benchmarks.IncidentsRun.RunAsync(quick: args.Contains("--quick"));
}

if (args.Length > 0 && args[0] == "pool")
{
    // The scripted resource pool run (docs/performance.md, "Pool query" and "Pool commitments").
    return await CityRisk.Benchmarks.PoolRun.RunAsync(quick: args.Contains("--quick"));
}

if (args.Length > 0 && args[0] == "enterprises")
{
    // The scripted enterprise risk run (docs/performance.md, "Enterprise queries and export").
    return await CityRisk.Benchmarks.EnterprisesRun.RunAsync(quick: args.Contains("--quick"));
}

if (args.Length > 0 && args[0] == "load")
{
    // The scripted load run of the hub against a grpc-js hub (docs/performance.md).
    string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return await CityRisk.Benchmarks.LoadRun.RunAsync(
        quick: args.Contains("--quick"),
        onlyHub: Value("--hub"),
        onlyFanOut: Value("--fanout") is { } fanOut ? int.Parse(fanOut, System.Globalization.CultureInfo.InvariantCulture) : null);
}

// In-process: the benchmark shares this project's build (central packages, warnings settings) instead of
// generating its own. "--job short" keeps a run to a minute or two; the default job is more precise.
var job = args.Contains("--quick") ? Job.ShortRun : Job.Default;
var config = DefaultConfig.Instance
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != "--quick")], config);
return 0;
