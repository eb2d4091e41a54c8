using CityRisk.Client;
using CityRisk.Server.Tests.Exchange;
using Grpc.Core;
using Grpc.HealthCheck;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CityRisk.Server.Tests.Health;

/// <summary>grpc.health.v1 as a stock client sees it on a hub (Grpc.HealthCheck's service, told of the store's health).</summary>
public sealed class GrpcHealthServiceTests : IAsyncLifetime
{
    private TestHub _hub = null!;
    private GrpcChannel _channel = null!;
    private Grpc.Health.V1.Health.HealthClient _client = null!;

    private static CallOptions Options(CancellationToken? cancellationToken = null) =>
        new(deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: cancellationToken ?? TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        _hub = await TestHub.StartAsync();
        _channel = CityRiskChannel.Create(_hub.Address);
        _client = new Grpc.Health.V1.Health.HealthClient(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _hub.DisposeAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("cityrisk.v1.Exchange")]
    public async Task Check_reports_serving_without_a_credential(string service) =>
        Assert.Equal(ServingStatus.Serving, (await _client.CheckAsync(new HealthCheckRequest { Service = service }, Options())).Status);

    [Fact]
    public async Task Check_of_an_unknown_service_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.CheckAsync(new HealthCheckRequest { Service = "nope.v1.Nope" }, Options()));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_streams_the_status_and_each_change()
    {
        var seen = new List<ServingStatus>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        var health = _hub.Services.GetRequiredService<HealthServiceImpl>();
        using var call = _client.Watch(new HealthCheckRequest { Service = "cityrisk.v1.Exchange" }, new CallOptions(cancellationToken: cancel.Token));
        while (seen.Count < 2 && await call.ResponseStream.MoveNext(cancel.Token))
        {
            seen.Add(call.ResponseStream.Current.Status);
            if (seen.Count == 1)
            {
                health.SetStatus("cityrisk.v1.Exchange", ServingStatus.NotServing);
            }
        }

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], seen);
    }
}
