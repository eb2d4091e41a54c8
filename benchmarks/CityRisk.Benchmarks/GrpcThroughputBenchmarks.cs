using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityRisk.Benchmarks;

/// <summary>
/// The gRPC call layer on loopback: unary round trips (64 concurrent calls per operation) and streamed messages
/// (10,000 per call), with our client against our server half (the baseline) and against a grpc-js server
/// (tests/js/grpc-server.mjs) doing the same work, in the same run. Needs node and 'npm ci --prefix tests/js'.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GrpcThroughputBenchmarks
{
    private const int Concurrency = 64;
    private const int StreamLength = 10_000;

    private static readonly GrpcMethod<QueryRequest, QueryResponse> Query = new("cityrisk.v1.Exchange", "Query", QueryResponse.Parser);
    private static readonly GrpcMethod<SubscribeRequest, Delivery> Subscribe = new("cityrisk.v1.Exchange", "Subscribe", Delivery.Parser);
    private static readonly QueryRequest OneItem = new() { PageSize = 1 };
    private static readonly SubscribeRequest StreamRequest = new() { Filter = new Filter { Kinds = { $"count:{StreamLength}" } } };

    private WebApplication? _server;
    private Process? _node;
    private BenchmarkClient _ours = null!;
    private BenchmarkClient _grpcJs = null!;

    // Synchronous on purpose: the in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_server, var address) = await LoopbackHost.StartAsync(services => services.AddGrpc(), MapStubService);
        _ours = new BenchmarkClient(address);
        _grpcJs = new BenchmarkClient(new Uri($"http://127.0.0.1:{await StartNodeAsync()}"));
    }

    private async Task CleanupAsync()
    {
        _ours.Dispose();
        _grpcJs.Dispose();
        if (_node is { HasExited: false })
        {
            _node.Kill(entireProcessTree: true);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Concurrency, Description = "unary: Grpc.AspNetCore, generated base")]
    [BenchmarkCategory("Unary round trip")]
    public Task UnaryOurs() => UnaryAsync(_ours);

    [Benchmark(OperationsPerInvoke = Concurrency, Description = "unary: grpc-js server")]
    [BenchmarkCategory("Unary round trip")]
    public Task UnaryGrpcJs() => UnaryAsync(_grpcJs);

    [Benchmark(Baseline = true, OperationsPerInvoke = StreamLength, Description = "stream: Grpc.AspNetCore, generated base")]
    [BenchmarkCategory("Streamed message")]
    public Task<int> StreamOurs() => StreamAsync(_ours);

    [Benchmark(OperationsPerInvoke = StreamLength, Description = "stream: grpc-js server")]
    [BenchmarkCategory("Streamed message")]
    public Task<int> StreamGrpcJs() => StreamAsync(_grpcJs);

    private static Task UnaryAsync(BenchmarkClient client)
    {
        var calls = new Task[Concurrency];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = client.UnaryAsync(Query, OneItem, GrpcCallOptions.Default);
        }

        return Task.WhenAll(calls);
    }

    private static async Task<int> StreamAsync(BenchmarkClient client)
    {
        var count = 0;
        await foreach (var _ in client.ServerStreamingAsync(Subscribe, StreamRequest, GrpcCallOptions.Default))
        {
            count++;
        }

        return count == StreamLength ? count : throw new InvalidOperationException($"Streamed {count} of {StreamLength}.");
    }

    private static void MapStubService(WebApplication app) => app.MapGrpcService<StubExchange>();

    /// <summary>The same stub as the grpc-js server's, on Grpc.AspNetCore with the generated service base.</summary>
    private sealed class StubExchange : CityRisk.Protocol.V1.Exchange.ExchangeBase
    {
        public override Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
        {
            var response = new QueryResponse();
            for (var i = 1; i <= request.PageSize; i++)
            {
                response.Items.Add(new Delivery { Cursor = (ulong)i, Envelope = new Envelope { Id = $"m{i}", Kind = "alert" } });
            }

            return Task.FromResult(response);
        }

        public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Delivery> responseStream, ServerCallContext context)
        {
            var total = int.Parse(request.Filter.Kinds.Single()["count:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 1; i <= total; i++)
            {
                await responseStream.WriteAsync(new Delivery { Cursor = (ulong)i, Envelope = new Envelope { Id = $"d{i}", Kind = "alert" } }, context.CancellationToken);
            }
        }
    }

    private async Task<int> StartNodeAsync()
    {
        var folder = CityRisk.Testing.Shared.RepositoryRoot.Path;
        var start = new ProcessStartInfo("node", Path.Combine(folder, "tests", "js", "grpc-server.mjs"))
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        _node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var line = await _node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("grpc-server.mjs did not start: run 'npm ci --prefix tests/js'.");
        return int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
