using CityRisk.Client;
using CityRisk.Json;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>Retries, backoff and the circuit breaker, against a stub transport and a clock moved by hand.</summary>
public class ResilienceTests
{
    private static readonly Uri Hub = new("http://127.0.0.1:5999/");

    private static (CityRiskClient Client, ScriptedInvoker Invoker, ManualTimeProvider Clock) Create(Action<CityRiskClientOptions>? configure = null)
    {
        var clock = new ManualTimeProvider();
        var options = new CityRiskClientOptions { TimeProvider = clock };
        options.Retry.UseJitter = false;
        configure?.Invoke(options);
        var invoker = new ScriptedInvoker();
        return (new CityRiskClient(invoker, Hub, new CityRiskCredential("foshan-em", "secret-token"), options), invoker, clock);
    }

    [Fact]
    public async Task Unavailable_is_retried_with_exponential_backoff_and_the_same_message()
    {
        var (client, invoker, clock) = Create();
        invoker.Fail(StatusCode.Unavailable);
        invoker.Fail(StatusCode.DeadlineExceeded);
        invoker.Answer(_ => new PublishResponse { Cursor = 7 });

        var publish = client.Alerts.PublishAsync(SampleAlerts.Typhoon(), cancellationToken: TestContext.Current.CancellationToken);
        await clock.WaitForTimerAsync();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await clock.WaitForTimerAsync();
        clock.Advance(TimeSpan.FromMilliseconds(400));
        var result = await publish;

        Assert.Equal(7, result.Cursor);
        Assert.Equal(3, invoker.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], clock.RequestedDelays.Where(d => d < TimeSpan.FromSeconds(1)));
        // The same envelope each time: a retry of a publish the hub did store comes back as a duplicate, not a second message.
        var envelopes = invoker.Requests.Cast<PublishRequest>().Select(r => r.Envelope).ToList();
        Assert.All(envelopes, e => Assert.Equal(envelopes[0], e));
        // Each attempt carries the per-attempt deadline and the credential.
        Assert.All(invoker.Options, o => Assert.InRange(o.Deadline!.Value - DateTime.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)));
        Assert.All(invoker.Options, o => Assert.Equal("Bearer secret-token", o.Headers!.GetValue("authorization")));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.NotFound)]
    public async Task Failures_a_retry_cannot_cure_are_not_retried(StatusCode code)
    {
        var status = (StatusCode)(int)code;
        var (client, invoker, _) = Create();
        invoker.Fail(status, "refused");

        var error = await Assert.ThrowsAsync<CityRiskException>(() => client.Alerts.PublishAsync(SampleAlerts.Typhoon(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((StatusCode)(int)status, error.StatusCode);
        Assert.Equal("refused", error.Detail);
        Assert.Single(invoker.Requests);
    }

    [Fact]
    public async Task After_the_last_retry_the_failure_comes_out_as_a_CityRiskException()
    {
        var (client, invoker, clock) = Create(o => o.Retry.MaxRetries = 1);
        invoker.Fail(StatusCode.Unavailable, "connection refused");
        invoker.Fail(StatusCode.Unavailable, "connection refused");

        var publish = client.Alerts.GetAsync("foshan-em", "x", TestContext.Current.CancellationToken);
        await clock.WaitForTimerAsync();
        clock.Advance(TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAsync<CityRiskException>(() => publish);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("UNAVAILABLE", error.ErrorCode);
        Assert.Equal(2, invoker.Requests.Count);
    }

    [Fact]
    public async Task Jittered_delays_stay_within_the_backoff_bounds()
    {
        var (client, invoker, clock) = Create(o => { o.Retry.UseJitter = true; o.Retry.MaxRetries = 1; });
        invoker.Fail(StatusCode.Unavailable);
        invoker.Answer(_ => new GetResponse { Cursor = 1, Envelope = SampleAlerts.Envelope(SampleAlerts.Typhoon()) });

        var get = client.Alerts.GetAsync("foshan-em", "x", TestContext.Current.CancellationToken);
        await clock.WaitForTimerAsync();
        var delay = Assert.Single(clock.RequestedDelays);
        clock.Advance(TimeSpan.FromSeconds(1));
        await get;

        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_calling()
    {
        var (client, invoker, _) = Create(o =>
        {
            o.Retry.MaxRetries = 0;
            o.CircuitBreaker.MinimumThroughput = 4;
            o.CircuitBreaker.FailureRatio = 0.5;
        });
        for (var i = 0; i < 4; i++)
        {
            invoker.Fail(StatusCode.Unavailable);
        }

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<CityRiskException>(() => client.Alerts.GetAsync("foshan-em", $"x{i}", TestContext.Current.CancellationToken));
        }

        var open = await Assert.ThrowsAsync<CityRiskException>(() => client.Alerts.GetAsync("foshan-em", "y", TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.Unavailable, open.StatusCode);
        Assert.Contains("circuit open", open.Detail, StringComparison.Ordinal);
        Assert.Equal(4, invoker.Requests.Count);
    }

    [Fact]
    public async Task The_problems_trailer_becomes_the_exceptions_problems()
    {
        var (client, invoker, _) = Create();
        var problems = new[] { CityRisk.Problems.Problem.Error("CAP-POLYGON-NOT-CLOSED", "info[0].area[0].polygon[0]", "not closed") };
        invoker.Fail(StatusCode.InvalidArgument, "The payload is invalid", ProblemsTrailer.ToTrailers(problems));

        var error = await Assert.ThrowsAsync<CityRiskException>(() => client.Alerts.PublishAsync(SampleAlerts.Typhoon(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(problems, error.Problems);
        Assert.Contains("CAP-POLYGON-NOT-CLOSED at info[0].area[0].polygon[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_error_listed()
    {
        var options = new CityRiskClientOptions { Timeout = TimeSpan.Zero, MaxMessageBytes = 10 };
        options.Retry.MaxRetries = -1;
        options.Reconnect.MaxDelay = TimeSpan.FromMilliseconds(1);

        var error = Assert.Throws<ArgumentException>(() => new CityRiskClient(Hub, new CityRiskCredential("foshan-em", "t"), options));

        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxMessageBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retry.MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reconnect.MaxDelay", error.Message, StringComparison.Ordinal);
    }
}
