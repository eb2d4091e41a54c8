using CityRisk.Server.Tests.Wire;
using CityRisk.Wire;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CityRisk.Server.Tests.Health;

public sealed class GrpcHealthServiceTests : IAsyncLifetime
{
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Check = new("grpc.health.v1.Health", "Check", HealthCheckResponse.Parser);
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Watch = new("grpc.health.v1.Health", "Watch", HealthCheckResponse.Parser);

    private StubExchangeServer _server = null!;
    private HttpGrpcCallInvoker _client = null!;

    private static GrpcCallOptions Options => new() { CancellationToken = TestContext.Current.CancellationToken, Timeout = TimeSpan.FromSeconds(20) };

    public async ValueTask InitializeAsync()
    {
        _server = await StubExchangeServer.StartAsync();
        _client = new HttpGrpcCallInvoker(_server.Address);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("cityrisk.v1.Exchange")]
    public async Task Check_reports_serving(string service) =>
        Assert.Equal(ServingStatus.Serving, (await _client.UnaryAsync(Check, new HealthCheckRequest { Service = service }, Options)).Status);

    [Fact]
    public async Task Check_of_an_unknown_service_is_not_found()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => _client.UnaryAsync(Check, new HealthCheckRequest { Service = "nope.v1.Nope" }, Options));
        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_streams_the_status_and_each_change()
    {
        var seen = new List<ServingStatus>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var response in _client.ServerStreamingAsync(Watch, new HealthCheckRequest { Service = "cityrisk.v1.Exchange" }, Options with { CancellationToken = cancel.Token }))
            {
                seen.Add(response.Status);
                if (seen.Count == 1)
                {
                    _server.Health.SetStatus("cityrisk.v1.Exchange", ServingStatus.NotServing);
                }
                else
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], seen);
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_service_unknown()
    {
        await foreach (var response in _client.ServerStreamingAsync(Watch, new HealthCheckRequest { Service = "later.v1.Later" }, Options))
        {
            Assert.Equal(ServingStatus.ServiceUnknown, response.Status);
            break;
        }
    }
}
