using CityRisk.Client;
using CityRisk.Wire;
using Google.Protobuf;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>A publish whose reply is lost after the hub stored it: the retry sends the same message and gets a duplicate.</summary>
public class DroppedReplyTests
{
    [Fact]
    public async Task A_retry_after_a_lost_reply_is_a_duplicate_with_the_original_cursor()
    {
        await using var hub = await TestExchange.StartAsync();
        using var real = new HttpGrpcCallInvoker(hub.Endpoint);
        var losing = new LosingFirstReply(real);
        var options = new CityRiskClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        using var client = new CityRiskClient(hub.Endpoint, hub.Credential("foshan-em"), options, losing);

        var result = await client.Alerts.PublishAsync(SampleAlerts.Typhoon("lost-reply"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, losing.Calls);
        Assert.True(result.Duplicate);
        Assert.Equal(1, result.Cursor);
        var stored = await client.Alerts.GetAsync("foshan-em", "lost-reply", TestContext.Current.CancellationToken);
        Assert.Equal(1, stored.Cursor);
    }

    private sealed class LosingFirstReply(IGrpcCallInvoker inner) : IGrpcCallInvoker
    {
        private int _calls;

        public int Calls => _calls;

        public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
            where TRequest : IMessage<TRequest>
            where TResponse : IMessage<TResponse>
        {
            var response = await inner.UnaryAsync(method, request, options);
            if (method.Name == "Publish" && Interlocked.Increment(ref _calls) == 1)
            {
                throw new GrpcCallException(GrpcStatusCode.Unavailable, "The connection failed during the call (reply lost).");
            }

            return response;
        }

        public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions options)
            where TRequest : IMessage<TRequest>
            where TResponse : IMessage<TResponse> => inner.ServerStreamingAsync(method, request, options);
    }
}
