using CityRisk.Client;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>A publish whose reply is lost after the hub stored it: the retry sends the same message and gets a duplicate.</summary>
public class DroppedReplyTests
{
    [Fact]
    public async Task A_retry_after_a_lost_reply_is_a_duplicate_with_the_original_cursor()
    {
        await using var hub = await TestExchange.StartAsync();
        using var channel = CityRiskChannel.Create(hub.Endpoint);
        var losing = new LosingFirstReply();
        var options = new CityRiskClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        // An interceptor on the application's channel: the client takes any call invoker.
        using var client = new CityRiskClient(channel.Intercept(losing), hub.Endpoint, hub.Credential("foshan-em"), options);

        var result = await client.Alerts.PublishAsync(SampleAlerts.Typhoon("lost-reply"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, losing.Calls);
        Assert.True(result.Duplicate);
        Assert.Equal(1, result.Cursor);
        var stored = await client.Alerts.GetAsync("foshan-em", "lost-reply", TestContext.Current.CancellationToken);
        Assert.Equal(1, stored.Cursor);
    }

    private sealed class LosingFirstReply : Interceptor
    {
        private int _calls;

        public int Calls => _calls;

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var call = continuation(request, context);
            if (context.Method.Name != "Publish" || Interlocked.Increment(ref _calls) != 1)
            {
                return call;
            }

            // The hub stores the message; its reply never arrives.
            return new AsyncUnaryCall<TResponse>(LoseAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
        }

        private static async Task<T> LoseAsync<T>(Task<T> response)
        {
            await response;
            throw new RpcException(new Status(StatusCode.Unavailable, "The connection failed during the call (reply lost)."));
        }
    }
}
