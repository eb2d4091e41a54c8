using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace CityRisk.Client;

/// <summary>
/// The Polly pipeline every unary call runs in, built from <see cref="CityRiskRetryOptions"/> and
/// <see cref="CityRiskCircuitBreakerOptions"/>: retries with exponential backoff and jitter, then the circuit
/// breaker, both only for transient failures (UNAVAILABLE, DEADLINE_EXCEEDED).
/// </summary>
internal static partial class ClientResilience
{
    private static bool IsTransient(Outcome<object> outcome) => outcome.Exception is RpcException
    {
        // Every exchange call is idempotent (Publish on (sender, id)), so a deadline is retried like a lost connection.
        StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded,
    }
        // grpc-dotnet reports a connection the server closed as the call started (HTTP/2 GOAWAY while a hub restarts)
        // as INTERNAL "Error starting gRPC call" with an HTTP/2 protocol error inside: a transport failure, not the hub's
        // answer. (An untrusted TLS certificate is a SecureConnectionError: not retried.)
        or RpcException { StatusCode: StatusCode.Internal, Status.DebugException: System.Net.Http.HttpRequestException { HttpRequestError: System.Net.Http.HttpRequestError.HttpProtocolError } };

    public static ResiliencePipeline Build(CityRiskClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        var retry = options.Retry ?? new CityRiskRetryOptions();
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                OnRetry = args =>
                {
                    ClientTelemetry.Retries.Add(1);
                    LogRetry(logger, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        var breaker = options.CircuitBreaker ?? new CityRiskCircuitBreakerOptions();
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry {Attempt} in {DelayMilliseconds} ms after a transient failure: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, long delayMilliseconds, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Circuit opened: calls fail at once for {BreakDuration} after repeated failures")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan breakDuration);
}
